"""Open an uploaded file as a table of rows: CSV (UTF-8 or GBK/GB18030) or Excel .xlsx.

The type is decided by the content, not the name: an .xlsx is a zip holding
[Content_Types].xml and xl/workbook.xml; text without NUL bytes is CSV; anything else
(an .xls, a renamed program, a PDF, an image) is refused. Every problem with the file as
a whole raises Refused with a message for the user; rows are streamed, never loaded whole.
"""
from __future__ import annotations

import codecs
import csv
import io
import logging
import warnings
import zipfile
from dataclasses import dataclass, field
from typing import BinaryIO, Callable, Iterator

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.translation import gettext as _

logger = logging.getLogger("zhibao.imports")

CHUNK = 1 << 20
MAX_UNZIPPED_BYTES = 2 * 1024**3  # an .xlsx that unpacks to more than this is refused (zip bombs)
CSV_FIELD_LIMIT = 131072  # Python's default: a longer cell is refused by the CSV reader


def max_rows() -> int:
    return int(getattr(settings, "ZHIBAO_IMPORT_MAX_ROWS", 1_000_000))


def max_bytes() -> int:
    return int(settings.ZHIBAO_MAX_UPLOAD_BYTES)


class Refused(Exception):
    """The file as a whole cannot be imported; the message tells the user why and what to do."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = str(message)


@dataclass
class Table:
    format: str  # "csv" or "xlsx"
    encoding: str  # "utf-8", "gb18030" or "" for xlsx
    header: list[str]
    rows: Iterator[tuple[int, list]]  # (row number as the user sees it, cells)
    estimated_rows: int = 0
    _close: list[Callable] = field(default_factory=list)

    def close(self):
        for fn in self._close:
            try:
                fn()
            except Exception:  # noqa: BLE001  (closing a file must not mask the real outcome)
                logger.debug("closing the import file failed", exc_info=True)


def sentences(*parts) -> str:
    """Sentences joined as the language writes them: Chinese without spaces between them."""
    language = translation.get_language() or ""
    return ("" if language.startswith("zh") else " ").join(str(p) for p in parts if p)


def not_a_table(detail: str = "") -> Refused:
    return Refused(sentences(_("This is not a CSV or Excel (.xlsx) file."), detail,
                             _("Save the data from Excel as .xlsx or as CSV and upload that file.")))


def sniff(fh: BinaryIO) -> str:
    """'csv' or 'xlsx', or Refused. Leaves the file at its start.

    (The upload size is the upload page's to enforce; a script may import a larger file.)"""
    fh.seek(0, io.SEEK_END)
    size = fh.tell()
    fh.seek(0)
    if size == 0:
        raise Refused(_("The file is empty."))
    head = fh.read(8192)
    fh.seek(0)
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(fh) as archive:
                names = set(archive.namelist())
                unpacked = sum(info.file_size for info in archive.infolist())
        except (zipfile.BadZipFile, OSError, ValueError):
            raise not_a_table(_("It looks like a damaged ZIP archive.")) from None
        finally:
            fh.seek(0)
        if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
            raise not_a_table(_("It is a ZIP archive or another kind of Office document."))
        if unpacked > MAX_UNZIPPED_BYTES:
            raise Refused(_("This Excel file unpacks to more than %(limit)s; split it into smaller files.")
                          % {"limit": filesizeformat(MAX_UNZIPPED_BYTES)})
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise not_a_table(_("It is an old Excel 97–2003 (.xls) workbook or another old Office file; "
                            "open it in Excel and save it as .xlsx."))
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise not_a_table(_("It is UTF-16 text (Excel's “Unicode text”)."))
    if head.startswith(b"MZ") or head.startswith(b"\x7fELF") or b"\x00" in head:
        raise not_a_table(_("It contains binary data (it may be a program, an image or an archive)."))
    if head.startswith((b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"Rar!", b"\x1f\x8b", b"7z\xbc\xaf")):
        raise not_a_table(_("It is a PDF, an image or a compressed archive."))
    return "csv"


def too_big(size: int) -> Refused:
    return Refused(_("The file is %(size)s; files of up to %(limit)s can be imported. Split it into smaller "
                     "files and import them one after the other.")
                   % {"size": filesizeformat(size), "limit": filesizeformat(max_bytes())})


def detect_encoding(fh: BinaryIO) -> tuple[str, int]:
    """('utf-8-sig' or 'gb18030', number of line breaks), reading the whole file once per try."""
    first_error = None
    for encoding in ("utf-8-sig", "gb18030"):
        fh.seek(0)
        decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
        offset = 0
        lines = 0
        pending = 0
        try:
            while chunk := fh.read(CHUNK):
                pending = len(decoder.getstate()[0])
                decoder.decode(chunk)
                lines += chunk.count(b"\n")
                offset += len(chunk)
            pending = len(decoder.getstate()[0])
            decoder.decode(b"", final=True)
        except UnicodeDecodeError as exc:
            if first_error is None:
                first_error = max(0, offset - pending + exc.start)
            continue
        fh.seek(0)
        return encoding, lines
    fh.seek(0)
    line = _line_of(fh, first_error or 0)
    raise Refused(_("The file is neither UTF-8 nor GBK (GB18030) text: line %(line)s contains bytes that are "
                    "valid in neither. Save it from Excel as “CSV UTF-8 (comma delimited)” and upload it again.")
                  % {"line": line})


def _line_of(fh: BinaryIO, offset: int) -> int:
    fh.seek(0)
    count, read = 1, 0
    while read < offset and (chunk := fh.read(min(CHUNK, offset - read))):
        count += chunk.count(b"\n")
        read += len(chunk)
    fh.seek(0)
    return count


def open_table(fh: BinaryIO) -> Table:
    """The file as a Table (header and a stream of rows), or Refused."""
    kind = sniff(fh)
    return _open_xlsx(fh) if kind == "xlsx" else _open_csv(fh)


def _open_csv(fh: BinaryIO) -> Table:
    encoding, lines = detect_encoding(fh)
    text = io.TextIOWrapper(fh, encoding=encoding, newline="")
    first = text.readline()
    delimiter = max(",\t;", key=first.count) if any(c in first for c in ",\t;") else ","
    text.seek(0)
    csv.field_size_limit(CSV_FIELD_LIMIT)
    reader = csv.reader(text, delimiter=delimiter)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise _csv_error(exc, 1) from None
    if header is None or not any(h.strip() for h in header):
        raise Refused(_("The file has no column headers: its first row must name the columns."))

    def rows():
        number = 1
        while True:
            number += 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise _csv_error(exc, number) from None
            yield number, cells

    table = Table("csv", "gb18030" if encoding == "gb18030" else "utf-8", header, rows(), max(0, lines - 1))
    table._close.append(text.detach)  # leave the caller's file open; it closes it
    return table


def _csv_error(exc: csv.Error, row: int) -> Refused:
    reason = str(exc)
    if "field larger than field limit" in reason:
        return Refused(_("Row %(row)s has a cell longer than %(limit)s characters; no field is that long.")
                       % {"row": row, "limit": f"{CSV_FIELD_LIMIT:,}"})
    if "NUL" in reason:
        return Refused(_("Row %(row)s contains binary data (NUL bytes); this is not a text CSV file.") % {"row": row})
    return Refused(_("Row %(row)s cannot be read as CSV; check its quotation marks.") % {"row": row})


def _open_xlsx(fh: BinaryIO) -> Table:
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(fh, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001  (openpyxl raises many kinds of errors for damaged files)
        logger.info("unreadable xlsx", exc_info=True)
        raise Refused(_("This Excel file is damaged or was not saved by a spreadsheet program; open it in Excel, "
                        "save it again as .xlsx and upload it.")) from None
    if not workbook.worksheets:
        workbook.close()
        raise Refused(_("This Excel file has no worksheet."))
    sheet = workbook.worksheets[0]
    iterator = sheet.iter_rows(values_only=True)
    try:
        header = next(iterator, None)
    except Exception:  # noqa: BLE001
        workbook.close()
        raise Refused(_("This Excel file is damaged or was not saved by a spreadsheet program; open it in Excel, "
                        "save it again as .xlsx and upload it.")) from None
    if header is None:
        workbook.close()
        raise Refused(_("The file is empty."))
    header = ["" if h is None else str(h) for h in header]
    if not any(h.strip() for h in header):
        workbook.close()
        raise Refused(_("The file has no column headers: its first row must name the columns."))
    try:
        estimated = max(0, int(sheet.max_row or 0) - 1)
    except (TypeError, ValueError):
        estimated = 0

    def rows():
        number = 1
        while True:
            number += 1
            try:
                cells = next(iterator)
            except StopIteration:
                return
            except Exception:  # noqa: BLE001  (damaged sheet XML deep in the file)
                logger.info("xlsx damaged at row %s", number, exc_info=True)
                raise Refused(_("This Excel file is damaged from row %(row)s on; open it in Excel, save it again "
                                "as .xlsx and upload it.") % {"row": number}) from None
            yield number, list(cells)

    table = Table("xlsx", "", header, rows(), estimated)
    table._close.append(workbook.close)
    return table

"""Excel downloads: a header row and rows, written with openpyxl's streaming writer."""
import re
import tempfile
from datetime import date, datetime
from decimal import Decimal

from django.http import FileResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

# Cells that start with these would be read as formulas by Excel (CSV/formula injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def safe_cell(value):
    if value is None:
        return ""
    if isinstance(value, (int, float, Decimal, date)) and not isinstance(value, bool):
        if isinstance(value, datetime) and timezone.is_aware(value):
            return timezone.localtime(value).replace(tzinfo=None)
        return value
    text = _ILLEGAL.sub("", str(value))
    if text.startswith(_FORMULA_START):
        text = "'" + text
    return text


def write(path, header: list[str], rows, sheet_title: str = "Sheet1") -> int:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=_sheet_name(sheet_title))
    bold = Font(bold=True)
    head = []
    for label in header:
        cell = WriteOnlyCell(ws, value=label)
        cell.font = bold
        head.append(cell)
    ws.append(head)
    n = 0
    for row in rows:
        ws.append([safe_cell(v) for v in row])
        n += 1
    wb.save(path)
    return n


def download(header: list[str], rows, title: str) -> FileResponse:
    tmp = tempfile.TemporaryFile(suffix=".xlsx")
    write(tmp, header, rows, title)
    tmp.seek(0)
    filename = f"{title}-{timezone.localdate():%Y%m%d}.xlsx"
    return FileResponse(tmp, as_attachment=True, filename=filename,
                        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def _sheet_name(title: str) -> str:
    return re.sub(r"[\[\]\*\?/\\:]", "", title)[:31] or "Sheet1"

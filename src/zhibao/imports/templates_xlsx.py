"""Downloadable .xlsx templates: the expected headers, one example row, and a sheet of notes."""
import tempfile

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from zhibao.registry import codes

from .columns import COLUMNS, ENTITIES, RIGHTS, RECORD_TYPES


def examples(record_type: str) -> dict:
    """Example values that pass every check (valid codes, past dates)."""
    uscc = codes.make_uscc("610113", 31 * 4049)
    if record_type == ENTITIES:
        return {"uscc": uscc}
    if record_type == RIGHTS:
        return {"holder_uscc": uscc, "number": codes.make_patent_number(2018, "invention", 123456)}
    return {}


def build(record_type: str):
    """A temporary file holding the template workbook, positioned at its start."""
    language = translation.get_language() or "zh-hans"
    cols = COLUMNS[record_type]
    special = examples(record_type)
    wb = Workbook(write_only=True)
    data = wb.create_sheet(title=_("Data")[:31])
    bold = Font(bold=True)
    head = []
    for col in cols:
        cell = WriteOnlyCell(data, value=col.header(language))
        cell.font = bold
        head.append(cell)
    data.append(head)
    data.append([special.get(col.key, col.example) for col in cols])

    notes = wb.create_sheet(title=_("Notes")[:31])
    notes.append([_("%(type)s: replace the example row with your data; keep the first row of headers. "
                    "Required columns are marked *.") % {"type": RECORD_TYPES[record_type]}])
    notes.append([])
    notes.append([_("Column"), _("Also accepted as"), _("Required"), _("What to enter")])
    for col in cols:
        other = col.key if language.startswith("zh") else col.zh
        notes.append([col.header(language).rstrip("*"), "、".join([other, *col.aliases]),
                      _("yes") if col.required else "", str(col.help or col.label)])
    notes.append([])
    notes.append([_("Dates: 2024-01-31, 2024/1/31, 2024年1月31日 or an Excel date cell.")])
    notes.append([_("CSV files may be UTF-8 (with or without BOM) or GBK/GB18030, as Excel saves them.")])
    tmp = tempfile.TemporaryFile(suffix=".xlsx")
    wb.save(tmp)
    tmp.seek(0)
    return tmp

"""The cockpit as files for a period: an Excel workbook (the nine with targets and status, each
breakdown, the trend data) and a Word report (the nine in a table, a paragraph and chart per
indicator, the definitions in an appendix). Both are built from cockpit.figures(), in memory:
nine figures and nine small charts take about a second, so the pages answer with the file."""
import io

from django.utils import timezone
from django.utils.translation import gettext as _
from docx import Document
from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.styles import Font

from zhibao.core.excel import safe_cell

from . import charts
from .cockpit import Figure

TABLE_WIDTHS = (1.2, 6.4, 2.2, 2.6, 2.2, 2.0)   # cm: no., indicator, value, unit, target, status


def _value(value) -> str:
    if value is None:
        return "—"
    text = f"{float(value):,.2f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _target(fig: Figure) -> str:
    return f"≥ {_value(fig.target.value)}" if fig.target else ""


def _status(fig: Figure) -> str:
    return fig.status_label or _("no status")


def _scope(district_name: str) -> str:
    return district_name or _("Xi'an (the whole city)")


def _sheet(wb, title: str, header: list, rows) -> None:
    ws = wb.create_sheet(title=title[:31])
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([safe_cell(v) for v in row])
    ws.freeze_panes = "A2"


def workbook(figs: list[Figure], district_name: str = "") -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    first, last = figs[0].period_start, figs[0].period_end
    _sheet(wb, _("Indicators"), [
        _("No."), _("Indicator"), _("Unit"), _("Value"), _("Target"), _("To be reached by"), _("Status"),
        _("Numerator"), _("Denominator"), _("As of"), _("Period"), _("Scope"), _("Note")],
        ([f.code, f.name, f.unit, f.value, float(f.target.value) if f.target else None,
          f.target.target_date if f.target else None, _status(f), f.numerator, f.denominator, f.as_of,
          f"{first} – {last}", _scope(district_name), f.reason] for f in figs))
    _sheet(wb, _("By district"), [_("No."), _("Indicator"), _("Code"), _("District or county"), _("Value"),
                                  _("Numerator"), _("Denominator")],
           ([f.code, f.name, p.key, p.label, p.value, p.numerator, p.denominator] for f in figs
            for p in f.by_district))
    _sheet(wb, _("By handling body"), [_("No."), _("Indicator"), _("Handling body"), _("Value"), _("Numerator"),
                                       _("Denominator")],
           ([f.code, f.name, p.label, p.value, p.numerator, p.denominator] for f in figs for p in f.by_body))
    _sheet(wb, _("Monthly trend"), [_("No."), _("Indicator"), _("Month"), _("Value")],
           ([f.code, f.name, f"{d:%Y-%m}", v] for f in figs for d, v in f.trend))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def word(figs: list[Figure], district_name: str = "") -> bytes:
    first, last = figs[0].period_start, figs[0].period_end
    doc = Document()
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.add_heading(_("Xi'an IP protection demonstration zone: the nine indicators"), level=0)
    doc.add_paragraph(_("Period: %(first)s to %(last)s. Scope: %(scope)s. Produced on %(day)s from the "
                        "platform's records.") % {"first": first, "last": last, "scope": _scope(district_name),
                                                  "day": timezone.localdate()})
    table = doc.add_table(rows=1, cols=6)
    table.style = "Light Grid Accent 1"
    table.autofit = False
    for cell, label in zip(table.rows[0].cells, (_("No."), _("Indicator"), _("Value"), _("Unit"), _("Target"),
                                                 _("Status"))):
        cell.text = label
    for f in figs:
        for cell, text in zip(table.add_row().cells, (str(f.code), f.name, _value(f.value), f.unit, _target(f),
                                                      _status(f))):
            cell.text = text
    for column, width in zip(table.columns, TABLE_WIDTHS):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)
    for f in figs:
        doc.add_heading(f"{f.code}. {f.name}", level=1)
        text = _("Value %(value)s %(unit)s as of %(day)s; target %(target)s by %(date)s; status: %(status)s.") % {
            "value": _value(f.value), "unit": f.unit, "day": f.as_of, "target": _target(f) or "—",
            "date": f.target.target_date if f.target else "—", "status": _status(f)}
        if f.projected is not None and f.status != "met":
            text += " " + _("Projected to the target date: %(p)s.") % {"p": _value(f.projected)}
        if f.reason:
            text += " " + f.reason
        doc.add_paragraph(text).paragraph_format.keep_with_next = True
        png = charts.trend_png(f, _("Target"))
        if png:
            doc.add_picture(io.BytesIO(png), width=Cm(15))
    doc.add_page_break()
    doc.add_heading(_("Appendix: how each indicator is computed"), level=1)
    for f in figs:
        doc.add_paragraph(f"{f.code}. {f.name} ({f.unit}): {f.definition}")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()

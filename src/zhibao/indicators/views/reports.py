"""Report downloads for the period and district the cockpit shows (indicators.report)."""
from urllib.parse import quote

from django.http import HttpResponse
from django.utils.translation import gettext as _

from .. import cockpit, reports
from ..periods import xian_districts
from .common import REPORT, needs, period_form, refuse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _download(request, build, extension: str, content_type: str):
    form = period_form(request)
    if not form.is_valid():
        return refuse(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    first, last = form.period
    district = form.cleaned_data["district"]
    figs = cockpit.figures(first, last, district)
    body = build(figs, xian_districts().get(district, ""))
    response = HttpResponse(body, content_type=content_type)
    name = f"{_('indicators')}-{first:%Y%m%d}-{last:%Y%m%d}{'-' + district if district else ''}.{extension}"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


@needs(REPORT)
def excel_report(request):
    return _download(request, reports.workbook, "xlsx", XLSX)


@needs(REPORT)
def word_report(request):
    return _download(request, reports.word, "docx", DOCX)

"""Pages of indicators under /cockpit/."""
from django.urls import path

from .views.cockpit import cockpit_page, compare_page
from .views.manage import population_page, targets_page, threshold_page
from .views.records import RecordsPage
from .views.reports import excel_report, word_report

app_name = "indicators"
urlpatterns = [
    path("", cockpit_page, name="cockpit"),
    path("<int:code>/records/", RecordsPage.as_view(), name="records"),
    path("compare/", compare_page, name="compare"),
    path("targets/", targets_page, name="targets"),
    path("threshold/", threshold_page, name="threshold"),
    path("population/", population_page, name="population"),
    path("report.xlsx", excel_report, name="report_excel"),
    path("report.docx", word_report, name="report_word"),
]

"""URLs of the case pages: the list, the worklist, opening a case, the case page and its
forms, and the time-limit rules."""
from django.urls import path

from . import case_list, case_page, opening, rules, worklist

#: The navigation's procedure items: the case list with the procedure chosen.
PROCEDURE_LISTS = ("enforcement", "adjudication", "mediation")

urlpatterns = [
    path("", case_list.CaseList.as_view(), name="list"),
    *[path(f"procedure/{code}/", case_list.CaseList.as_view(preset={"procedure": code}), name=f"list_{code}")
      for code in PROCEDURE_LISTS],
    path("worklist/", worklist.worklist, name="worklist"),
    path("new/", opening.choose, name="open"),
    path("new/<slug:procedure>/<slug:entry>/", opening.open_case, name="open_form"),
    path("rules/", rules.rule_list, name="rules"),
    path("rules/<slug:procedure>/<slug:clock>/<slug:part>/", rules.rule_change, name="rule_change"),
    path("<int:pk>/", case_page.case_detail, name="detail"),
    path("<int:pk>/full/", case_page.case_full, name="full"),
    path("<int:pk>/steps/<slug:code>/", case_page.take_step, name="step"),
    path("<int:pk>/add/<slug:what>/", case_page.add_record, name="add_record"),
    path("<int:pk>/party-lookup/", case_page.party_lookup, name="party_lookup"),
]

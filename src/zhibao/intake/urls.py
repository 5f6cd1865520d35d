"""Pages of intake under /intake/."""
from django.urls import path

from . import views

app_name = "intake"
urlpatterns = [
    path("", views.entry, name="entry"),
    path("cases/<int:pk>/received/", views.entry_done, name="entry_done"),
    path("lookup/entities/", views.entity_lookup, name="entity_lookup"),
    path("lookup/rights/", views.right_lookup, name="right_lookup"),
    path("triage/", views.Queue.as_view(), name="queue"),
    path("triage/<int:pk>/", views.proposal_detail, name="proposal"),
    path("rules/", views.rule_list, name="rules"),
    path("rules/new/", views.rule_create, name="rule_create"),
    path("rules/criteria/", views.criteria, name="criteria"),
    path("rules/<slug:code>/", views.rule_detail, name="rule_detail"),
    path("rules/<slug:code>/change/", views.rule_edit, name="rule_edit"),
]

"""One catalogue for all apps: the same English must not say different things.

Django merges every app's compiled catalogue and, for one (context, msgid), the app listed first
in INSTALLED_APPS wins. An app that means something else by a common English word ("Report" as
an outcome report, "Closed" for a workstation) gives it a context: `pgettext("transfer outcome",
"Report")`, `{% translate "Report" context "transfer outcome" %}`, and `transfer outcome|Report<TAB>反馈`
in its locale/zh_Hans*.tsv (scripts/po_fill.py). No database: reads the .mo files.
"""
import gettext
from collections import defaultdict
from pathlib import Path

from django.apps import apps
from django.template import engines
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

#: Same meaning, only the wording differs (the first app's wording reads right everywhere).
SYNONYMS = {
    "title", "Title", "name", "Done", "Public portal", "Holiday schedules", "Time-limit rules", "Organization",
    "organization", "Search", "Role", "role", "enterprise", "Enterprise", "By", "by", "Changes", "Kind", "Since",
    "Valid", "Valid from", "valid from", "district", "year", "Year", "grant or registration date", "IPC classes",
    "description", "Last changed", "Number", "Edit %(name)s", "Add", "Note", "Notes", "From", "To", "Channel",
    "channel", "Record", "Before", "calendar days", "Required", "Summary", "Product", "Stage", "Track", "track",
    "Officer", "Received on", "In force from", "in force from", "Hotline", "Walk-in", "Respondent",
    "Online shop or platform", "Overdue", "handling body", "outcome", "Outcome", "facts", "recorded", "verification",
    "Decided", "Technical investigation opinion", "Withdrawn", "Reason", "reason", "Referred to mediation",
    "Rights involved", "Details", "History", "Show", "What happened", "Reply due", "Reply", "None yet.",
    "None named.", "document", "Value",
    "This form is out of date; reload the page and make your changes again.",
    "This date is in the future.",
    "No such record in your data scope.",
    "You may only create or change records within your data scope; this %(thing)s would be outside it. "
    "Nothing was saved.",
    "This case is outside your data scope.",
    "No such case in your data scope.",
    "You do not have permission to do this.",
}

#: Real conflicts still to fix in apps being edited by others (the later app shows the wrong word).
PENDING = {
    "source": "cases/models.py TimeLimitRule.source: context 'legal basis' → 依据 (shows registry's 来源)",
}


def _catalogues() -> dict[str, dict]:
    """{app label: {(context or None, msgid): Chinese}} in INSTALLED_APPS order."""
    out = {}
    for config in apps.get_app_configs():
        mo = Path(config.path) / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.mo"
        if not config.name.startswith("zhibao.") or not mo.exists():
            continue
        with mo.open("rb") as f:
            catalog = gettext.GNUTranslations(f)._catalog
        entries = {}
        for key, text in catalog.items():
            if isinstance(key, tuple):  # a plural form
                if key[1] != 0:
                    continue
                key = key[0]
            if not key or not text:
                continue
            ctx, _sep, msgid = key.rpartition("\x04")
            entries[(ctx or None, msgid)] = text
        out[config.label] = entries
    return out


def conflicts() -> dict[tuple, dict[str, str]]:
    """(context, msgid) → {app: Chinese} where apps translate the same message differently."""
    seen = defaultdict(dict)
    for app, entries in _catalogues().items():
        for key, text in entries.items():
            seen[key][app] = text
    return {k: v for k, v in seen.items() if len(set(v.values())) > 1}


def test_no_new_conflicting_translations():
    known = SYNONYMS | set(PENDING)
    new = {k: v for k, v in conflicts().items() if k[0] is not None or k[1] not in known}
    lines = [f"{msgid!r} (context {ctx!r}): " + ", ".join(f"{app} {zh}" for app, zh in apps_.items())
             + f" — every app shows {next(iter(apps_.values()))} ({next(iter(apps_))} comes first)"
             for (ctx, msgid), apps_ in new.items()]
    assert not new, ("The same English is translated differently by several apps. If the meanings differ, "
                     "give the later app's string a context (pgettext / {% translate ... context ... %}, "
                     "a `context|English<TAB>中文` line); if they are synonyms, add the msgid to SYNONYMS:\n"
                     + "\n".join(lines))


def test_app_specific_meanings_reach_the_page():
    with translation.override("zh-hans"):
        # collaboration: the transfer's outcome report, its reason, a meeting's decisions
        assert pgettext("transfer outcome", "Report") == "反馈"
        assert _("Report") == "举报"
        assert pgettext("transfer", "Reason") == "移送理由"
        assert pgettext("meeting", "Decision") == "议定事项"
        assert _("Decision") == "决定"
        # services: a workstation that closed, a filing review, a survey
        assert pgettext("workstation", "Closed") == "已撤销"
        assert pgettext("review", "Decision") == "审核结论"
        assert pgettext("survey", "Send") == "提交"
        # portal: the public's wording and a person's name
        assert pgettext("portal", "Closed") == "已办结"
        assert _("Closed") == "结案"
        assert pgettext("person", "Name") == "姓名"
        # core's job state and cases' running clock; registry's division level and a place's district
        assert pgettext("job state", "Running") == "运行中"
        assert _("Running") == "计算中"
        assert pgettext("division level", "District") == "区"
        assert _("District") == "区县"
        # intake's rule condition and evidence's time of an event
        assert pgettext("rule condition", "When") == "适用条件"
        assert _("When") == "时间"


def test_model_labels_and_templates_use_the_context():
    from zhibao.collaboration.models import AssistanceStatus, TransferOutcome
    from zhibao.core.models import Job
    from zhibao.portal import public_view
    from zhibao.services.choices import FilingStatus

    with translation.override("zh-hans"):
        assert str(TransferOutcome.JUDGMENT.label) == "已判决"
        assert str(TransferOutcome.RETURNED.label) == "退回"
        assert str(AssistanceStatus.DECLINED.label) == "已拒绝"
        assert str(Job.State.RUNNING.label) == "运行中"
        assert str(FilingStatus.REVOKED.label) == "已撤销"
        assert str(public_view.STEPS["open"]) == "已收到"
        page = engines["django"].from_string(
            '{% load i18n %}{% translate "Report" context "transfer outcome" %}|{% translate "Report" %}'
            '|{% translate "Name" context "person" %}|{% translate "Name" %}').render({})
        assert page == "反馈|举报|姓名|名称"
    with translation.override("en"):
        assert str(TransferOutcome.JUDGMENT.label) == "Judgment"
        assert pgettext("transfer outcome", "Report") == "Report"

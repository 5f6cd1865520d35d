"""The procedure declarations are consistent, cite their sources, are translated, and
docs/procedures.md is generated from them."""
from pathlib import Path

import pytest
from django.utils import translation

from zhibao.cases import procedures, timelimits
from zhibao.cases.procedures import markdown
from zhibao.cases.procedures.base import Tag
from zhibao.cases.procedures.common import PAUSE_REASONS

DOC = Path(__file__).resolve().parents[2] / "docs" / "procedures.md"


def test_declarations_are_consistent():
    assert procedures.validate() == []


def test_every_transition_uses_declared_stages_and_clocks():
    for proc in procedures.PROCEDURES.values():
        stages = {s.code for s in proc.stages}
        clocks = {c.code for c in proc.clocks}
        for t in proc.transitions:
            assert set(t.source) <= stages, (proc.code, t.code)
            assert t.target is None or t.target in stages, (proc.code, t.code)
            for effect in t.effects:
                assert set(effect.clocks) <= clocks, (proc.code, t.code)


def test_every_clock_and_extension_has_a_source_and_tag():
    for part in timelimits.all_declared():
        assert part.source.citation.strip(), part
        assert part.source.tag in (Tag.V, Tag.V_SEC, Tag.M), part


def test_the_numbers_of_the_issue():
    def period(proc, clock, part="base"):
        item = next(p for p in timelimits.all_declared()
                    if (p.procedure, p.clock, p.part) == (proc, clock, part))
        return item.unit, item.amount, item.max_count

    assert period("enforcement", "filing_check") == ("working_days", 15, None)
    assert period("enforcement", "filing_check", "head") == ("working_days", 15, 1)
    assert period("enforcement", "decision") == ("days", 90, None)
    assert period("enforcement", "decision", "head") == ("days", 30, 1)
    assert period("enforcement", "decision", "collective") == ("date", None, None)
    assert period("enforcement", "statements") == ("working_days", 5, None)
    assert period("enforcement", "preservation") == ("working_days", 7, None)
    assert period("enforcement", "publication") == ("working_days", 20, None)
    assert period("adjudication", "acceptance") == ("working_days", 5, None)
    assert period("adjudication", "acceptance", "complex") == ("working_days", 5, 1)
    assert period("adjudication", "service") == ("working_days", 5, None)
    assert period("adjudication", "defence") == ("days", 15, None)
    assert period("adjudication", "defence", "abroad") == ("days", 30, None)
    assert period("adjudication", "decision") == ("months", 3, None)
    assert period("adjudication", "decision", "head") == ("months", 1, 1)
    assert period("adjudication", "decision", "higher_office") == ("months", 2, 1)
    assert period("passing_off", "filing") == ("working_days", 5, None)
    assert period("passing_off", "filing", "reported") == ("working_days", 10, None)
    assert period("passing_off", "conclusion") == ("months", 1, None)
    assert period("passing_off", "conclusion", "head") == ("days", 15, 1)
    assert period("mediation", "complaint_mediation") == ("working_days", 45, None)
    assert period("mediation", "confirmation_application") == ("days", 30, None)
    assert period("court", "trial") == ("months", 6, None)
    assert period("court", "trial", "simplified") == ("months", 3, None)
    assert period("court", "trial", "small_claims") == ("months", 2, None)
    assert period("court", "trial", "president_ordinary") == ("months", 6, 1)
    assert period("court", "trial", "president_simplified") == ("months", 1, 1)
    assert period("court", "trial", "president_small_claims") == ("months", 1, 1)
    assert period("complaint", "acceptance") == ("working_days", 7, None)
    assert period("report", "check") == ("working_days", 15, None)
    assert period("report", "check", "head") == ("working_days", 15, 1)
    assert period("report", "reporter_notice") == ("working_days", 5, None)
    targets = {(p.procedure, p.clock) for p in timelimits.all_declared() if not p.legal}
    assert targets == {("adjudication", "fast_target"), ("mediation", "people_target")}


def test_every_label_has_chinese():
    labels = [label for _code, label in PAUSE_REASONS]
    for proc in procedures.PROCEDURES.values():
        labels.append(proc.label)
        labels += [s.label for s in proc.stages] + [t.label for t in proc.transitions]
        labels += [c.label for c in proc.clocks] + [c.starts for c in proc.clocks]
        labels += [label for _c, label in proc.documents + proc.outcomes + proc.kinds]
        labels += [e.label for c in proc.clocks for e in c.extensions]
        labels += [f.label for t in proc.transitions for f in t.fields]
    missing = set()
    for label in labels:
        with translation.override("zh-hans"):
            chinese = str(label)
        with translation.override("en"):
            english = str(label)
        if chinese == english:
            missing.add(english)
    assert not missing


def test_the_stage_names_in_chinese():
    enforcement = procedures.get("enforcement")
    with translation.override("zh-hans"):
        names = [str(s.label) for s in enforcement.stages]
        steps = {str(t.label) for t in enforcement.transitions}
    assert names[:9] == ["线索核查", "调查取证", "法制审核", "行政处罚告知", "听证", "作出决定", "送达", "执行", "结案"]
    assert {"立案", "公示"} <= steps


@pytest.mark.django_db
def test_docs_are_generated_from_the_declarations():
    text = markdown.render()
    assert DOC.read_text(encoding="utf-8") == text, "run: zhibao procedures --write docs/procedures.md"
    for proc in procedures.PROCEDURES.values():
        assert f"`{proc.code}`" in text
        for clock in proc.clocks:
            assert f"| `{clock.code}` |" in text

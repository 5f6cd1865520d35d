"""What a document template is filled with, taken from the case (always in Chinese).

Placeholders (see scripts/make_docx_templates.py): org, org_address, title, number,
case_number, case_title, summary, source, received_on, filed_on, date, parties (role, name,
code, address), parties_by_role.<role>, parties_text, names.<role>, rights_text,
products_text, places_text, officers_text, deadlines.<key> (the date as text, marked
（暂定） when provisional), deadline_list, provisional, provisional_years, the form's inputs
(basis, proposal, hearing_date, hearing_place), hearing_title, hearing_name,
defence_period, copies, copies_note.
"""
from __future__ import annotations

import datetime

from django.utils import translation

from ..models import Case
from . import deadlines as deadline_rules
from .catalogue import Layout

PROVISIONAL_MARK = "（暂定）"
BLANK = "__________"


def cn_date(day: datetime.date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else BLANK


def marked(item: deadline_rules.Dated) -> str:
    return cn_date(item.date) + (PROVISIONAL_MARK if item.provisional else "")


def _party(p) -> dict:
    if p.entity_id:
        return {"role": str(p.get_role_display()), "name": p.entity.name, "code": p.entity.uscc or "",
                "address": p.entity.address or "", "key": p.role}
    name = p.person.name if p.person_id else p.name
    return {"role": str(p.get_role_display()), "name": name, "code": "", "address": "", "key": p.role}


def build(case: Case, kind: str, layout: Layout, *, on: datetime.date, reference: str, inputs: dict
          ) -> tuple[dict, list[int]]:
    """The template context, and the years without a published holiday schedule its dates depend on."""
    with translation.override("zh-hans"):
        proc = case.spec
        parties = [_party(p) for p in case.parties.select_related("entity", "person")]
        by_role: dict[str, list] = {}
        for p in parties:
            by_role.setdefault(p["key"], []).append(p)
        items = [d for d in (deadline_rules.compute(case, spec, on, inputs) for spec in layout.deadlines) if d]
        if not layout.deadlines:
            items = deadline_rules.running(case)
        years = sorted({y for d in items if d.provisional for y in d.provisional_years})
        hearing = inputs.get("hearing_date")
        adjudication = proc.code == "adjudication"
        abroad = case.parties.filter(role="respondent", no_prc_domicile=True).exists()
        return {
            "org": case.handling_org.name,
            "org_address": BLANK,
            "title": layout.title or str(proc.document_label(kind)),
            "number": reference or BLANK,
            "case_number": case.number or BLANK,
            "case_title": case.title,
            "summary": case.summary or BLANK,
            "source": case.get_kind_display() or case.get_channel_display() or str(proc.label),
            "received_on": cn_date(case.received_on),
            "filed_on": cn_date(case.filed_on),
            "date": cn_date(on),
            "parties": parties,
            "parties_by_role": by_role,
            "parties_text": "；".join(f"{p['role']}：{p['name']}" for p in parties) or BLANK,
            "names": {role: "、".join(p["name"] for p in rows) for role, rows in by_role.items()},
            "rights_text": "；".join(f"{r.right.get_kind_display()} {r.right.number}《{r.right.title}》"
                                     for r in case.rights.select_related("right")) or BLANK,
            "products_text": "、".join(p.name + (f"（{p.brand}）" if p.brand else "")
                                       for p in case.products.all()) or BLANK,
            "places_text": "、".join(p.address for p in case.places.all()) or BLANK,
            "officers_text": "、".join(a.user.get_full_name() or a.user.get_username()
                                       for a in case.assignments.select_related("user")) or BLANK,
            "deadlines": {d.key: marked(d) for d in items},
            "deadline_list": [{"label": d.label, "date": marked(d)} for d in items],
            "provisional": bool(years),
            "provisional_years": "、".join(str(y) for y in years),
            "basis": inputs.get("basis") or BLANK,
            "proposal": inputs.get("proposal") or BLANK,
            "hearing_date": cn_date(hearing) if hearing else BLANK,
            "hearing_place": inputs.get("hearing_place") or BLANK,
            "hearing_title": "口头审理通知书" if adjudication else "听证通知书",
            "hearing_name": "口头审理" if adjudication else "听证",
            "defence_period": "三十日" if abroad else "十五日",
            "copies": "二",
            "copies_note": "一份送达当事人，一份附卷",
        }, years

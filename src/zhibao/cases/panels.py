"""Sections that other apps add to the case page (evidence, documents, transfers, experts, ...).

An app registers a panel in its AppConfig.ready():

    from zhibao.cases import panels
    panels.register("evidence", _("Evidence"), "evidence/_case_panel.html",
                    context=lambda case, request: {"files": ...}, perm="evidence.view", order=40)

The case page renders, in `order`, each panel whose `perm` the user holds, with the panel's
context added to the page's (`case` and `request` are always there). The cases app need not
know the apps that extend it.
"""
from dataclasses import dataclass
from typing import Callable

PANELS: dict[str, "Panel"] = {}


@dataclass(frozen=True)
class Panel:
    key: str
    label: str
    template: str
    context: Callable | None = None
    perm: str | None = None
    order: int = 50


def register(key: str, label, template: str, *, context: Callable | None = None, perm: str | None = None,
             order: int = 50) -> None:
    PANELS[key] = Panel(key, label, template, context, perm, order)


def for_case(case, request) -> list[dict]:
    """The panels this user may see on this case, in order, each with its rendered context."""
    out = []
    for panel in sorted(PANELS.values(), key=lambda p: (p.order, p.key)):
        if panel.perm and not request.user.has_perm(panel.perm):
            continue
        extra = panel.context(case, request) if panel.context else {}
        out.append({"key": panel.key, "label": panel.label, "template": panel.template, "context": extra})
    return out

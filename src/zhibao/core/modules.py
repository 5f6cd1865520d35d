"""The platform's modules as the navigation names them (brief.md's table).

A module with no `url` is not built yet: the navigation says so instead of linking
to an empty page. A module's `perm` hides it from roles that may not use it.
"""
from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Item:
    label: str
    url: str | None = None
    perm: str | None = None

    def href(self) -> str | None:
        if not self.url:
            return None
        try:
            return reverse(self.url)
        except NoReverseMatch:
            return None


@dataclass(frozen=True)
class Module:
    key: str
    label: str
    items: tuple[Item, ...] = field(default_factory=tuple)


MODULES: tuple[Module, ...] = (
    Module("registry", _("Registries"), (
        Item(_("Market entities"), "registry:entity_list", "registry.view"),
        Item(_("IP rights"), "registry:right_list", "registry.view"),
        Item(_("Persons"), "registry:person_list", "registry.view_person"),
        Item(_("Organizations"), "registry:organization_list", "registry.view"),
        Item(_("Districts and zones"), "registry:district_list", "registry.view"),
        Item(_("Imports"), "imports:list", "registry.import"),
        Item(_("My jobs"), "jobs:list"),
    )),
    Module("protection", _("Full-chain protection"), (
        Item(_("Deadline calculator"), "calendar:deadline"),
        Item(_("Clue and complaint intake"), "intake:entry", "intake.record"),
        Item(_("My worklist"), "cases:worklist", "cases.view"),
        Item(_("All cases"), "cases:list", "cases.view"),
        Item(_("Administrative enforcement"), "cases:list_enforcement", "cases.view"),
        Item(_("Patent dispute adjudication"), "cases:list_adjudication", "cases.view"),
        Item(_("Diversified dispute resolution"), "cases:list_mediation", "cases.view"),
        Item(_("Collaboration and transfers"), "collaboration:transfer_list", "collaboration.view"),
    )),
    Module("services", _("Service network"), (
        Item(_("Workstations and services"), "services:workstation_list", "services.view"),
        Item(_("Expert pool"), "services:expert_list", "services.view_experts"),
        Item(_("My cases as an expert"), "services:my_assignments", "services.opinion"),
        Item(_("Patent pre-examination"), "services:filing_list", "services.view"),
        Item(_("Protection lists"), "services:entry_list", "services.view"),
        Item(_("Product descriptions"), "services:product_list", "services.view"),
        Item(_("Satisfaction surveys"), "services:survey_list", "services.manage_surveys"),
    )),
    Module("supervision", _("Supervision and intelligence"), (
        Item(_("Credit and supervision")),
        Item(_("Intelligence and early warning")),
        Item(_("Export risk screening")),
        Item(_("High-value patents")),
    )),
    Module("cockpit", _("Indicator cockpit"), (
        Item(_("Indicator cockpit"), "indicators:cockpit", "cockpit.view"),
        Item(_("Public portal"), "portal:home"),
    )),
    Module("admin", _("Administration"), (
        Item(_("Users"), "accounts:user_list", "accounts.manage"),
        Item(_("API tokens"), "accounts:token_list", "accounts.token"),
        Item(_("Audit log"), "audit:log_list", "audit.view"),
        Item(_("Personal data views"), "audit:personal_views", "audit.view"),
        Item(_("Holiday schedules"), "calendar:schedule_list", "calendar.manage"),
        Item(_("Time-limit rules"), "cases:rules", "cases.manage_limits"),
    )),
)


def visible_modules(user) -> list[dict]:
    """The navigation for one user: built items they may use, and unbuilt ones named as such."""
    out = []
    for module in MODULES:
        items = []
        for item in module.items:
            if item.url is None:
                items.append({"label": item.label, "href": None, "planned": True})
            elif item.perm is None or user.has_perm(item.perm):
                href = item.href()
                if href:
                    items.append({"label": item.label, "href": href, "planned": False})
        if items:
            out.append({"key": module.key, "label": module.label, "items": items})
    return out

"""Hotline and walk-in entry: one form an officer fills while the caller is on the line.

`EntryForm` checks what the caller says (a complaint is never anonymous: a name and a phone or
a valid resident ID number); `record(user, data)` opens the report or complaint through the
engine with its parties, right, product and places, and stores the triage proposal with what
was declared on the phone. One transaction: a refusal (by the form or by the engine) saves
nothing.
"""
from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _, gettext_lazy

from zhibao.cases import engine
from zhibao.cases.models import Case, Channel, PartyRole, PlaceKind
from zhibao.registry import codes, validation
from zhibao.registry.choices import DivisionLevel, OrganizationKind
from zhibao.registry.models import District, IPRight, MarketEntity, Organization, Person

from . import duplicates, proposals
from .models import Matter

RECEIVING_KINDS = (OrganizationKind.IP_ADMIN, OrganizationKind.MARKET_REGULATION, OrganizationKind.ENFORCEMENT,
                   OrganizationKind.PROTECTION_CENTRE, OrganizationKind.WORKSTATION)


class EntryForm(forms.Form):
    procedure = forms.ChoiceField(label=gettext_lazy("Report or complaint"), widget=forms.RadioSelect,
                                  choices=(("report", gettext_lazy("Report")), ("complaint", gettext_lazy("Complaint"))), initial="report")
    channel = forms.ChoiceField(label=gettext_lazy("Channel"), choices=((Channel.HOTLINE, gettext_lazy("Hotline")),
                                                               (Channel.WALK_IN, gettext_lazy("Walk-in"))),
                                initial=Channel.HOTLINE)
    received_by = forms.ModelChoiceField(label=gettext_lazy("Received by"), queryset=Organization.objects.none(),
                                         widget=forms.Select(attrs={"style": "max-width: 16em"}))
    received_on = forms.DateField(label=gettext_lazy("Received on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    anonymous = forms.BooleanField(label=gettext_lazy("Anonymous reporter"), required=False,
                                   help_text=gettext_lazy("Only a report may be anonymous."))
    person_name = forms.CharField(label=gettext_lazy("Caller's name"), max_length=50, required=False)
    person_phone = forms.CharField(label=gettext_lazy("Caller's phone"), max_length=20, required=False)
    person_id_number = forms.CharField(label=gettext_lazy("Caller's resident ID number"), max_length=18, required=False)
    respondent = forms.CharField(label=gettext_lazy("Party reported or complained of"), max_length=150, required=False,
                                 help_text=gettext_lazy("Type a name or USCC and pick a registered entity, or leave the "
                                              "name as typed."))
    right_number = forms.CharField(label=gettext_lazy("Right number"), max_length=40, required=False,
                                   help_text=gettext_lazy("Patent, trademark, copyright, GI or plant variety number."))
    matter = forms.ChoiceField(label=gettext_lazy("Matter"), choices=Matter.choices, initial=Matter.INFRINGEMENT)
    product = forms.CharField(label=gettext_lazy("Product"), max_length=150, required=False)
    value = forms.DecimalField(label=gettext_lazy("Value involved (yuan)"), required=False, min_value=0, max_digits=14,
                               decimal_places=2)
    district = forms.ModelChoiceField(label=gettext_lazy("District"), required=False, queryset=District.objects.none())
    address = forms.CharField(label=gettext_lazy("Place"), max_length=300, required=False)
    platform = forms.CharField(label=gettext_lazy("Online platform or shop"), max_length=300, required=False)
    exhibition = forms.CharField(label=gettext_lazy("Exhibition"), max_length=300, required=False)
    foreign = forms.BooleanField(label=gettext_lazy("Foreign element"), required=False,
                                 help_text=gettext_lazy("A party or right holder abroad, or goods for import or export."))
    title = forms.CharField(label=gettext_lazy("Case title"), max_length=200, required=False,
                            help_text=gettext_lazy("Left empty, it is made from the respondent and the product."))
    summary = forms.CharField(label=gettext_lazy("What the caller says"), max_length=10000, required=False,
                              widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_by"].queryset = Organization.objects.filter(
            kind__in=RECEIVING_KINDS, is_active=True).order_by("kind", "name")
        self.fields["district"].queryset = District.objects.filter(
            level__in=(DivisionLevel.DISTRICT, DivisionLevel.COUNTY), parent__isnull=False,
            in_cluster=False).order_by("code")
        if user is not None and user.organization_id:
            self.fields["received_by"].initial = user.organization_id
        for name, url in (("respondent", "intake:entity_lookup"), ("right_number", "intake:right_lookup")):
            self.fields[name].widget.attrs.update({
                "list": f"{name}-options", "autocomplete": "off", "hx-get": reverse(url),
                "hx-trigger": "input changed delay:300ms", "hx-target": f"#{name}-options"})
        self.fields["procedure"].widget.attrs["autofocus"] = True

    GROUPS = (
        (gettext_lazy("Caller"), ("procedure", "channel", "received_by", "received_on", "anonymous", "person_name",
                        "person_phone", "person_id_number")),
        (gettext_lazy("Respondent and right"), ("respondent", "right_number", "matter", "product", "value")),
        (gettext_lazy("Where"), ("district", "address", "platform", "exhibition", "foreign")),
        (gettext_lazy("What happened"), ("title", "summary")),
    )

    def groups(self):
        """The fields in the order the officer asks the caller, under their headings."""
        return [(legend, [self[name] for name in names]) for legend, names in self.GROUPS]

    def clean_person_id_number(self):
        value = self.cleaned_data.get("person_id_number", "").strip()
        return codes.clean_id_number(value) if value else ""

    def clean_person_phone(self):
        value = self.cleaned_data.get("person_phone", "").strip()
        validation.phone(value)
        return value

    def clean(self):
        data = super().clean()
        complaint = data.get("procedure") == "complaint"
        anonymous = data.get("anonymous")
        if complaint and anonymous:
            self.add_error("anonymous", _("A complaint cannot be anonymous: the complainant must be named."))
        if (complaint or not anonymous) and not (data.get("person_name") or "").strip():
            self.add_error("person_name", _("Enter the caller's name (or mark a report as anonymous)."))
        if complaint and not data.get("person_phone") and not data.get("person_id_number") \
                and "person_id_number" not in self.errors and "person_phone" not in self.errors:
            self.add_error("person_phone", _("A complaint needs the complainant's phone or resident ID number."))
        if not (data.get("respondent") or "").strip():
            self.add_error("respondent", _("Name the respondent, or pick a registered market entity."))
        number = (data.get("right_number") or "").strip().split(" ")[0]
        if number:
            right = IPRight.objects.filter(number__iexact=number).first()
            if right is None:
                self.add_error("right_number", _("No right with this number is registered; check the number, "
                                                 "or leave it empty and say it in the summary."))
            data["right"] = right
        for name in ("person_name", "respondent", "product", "address", "platform", "exhibition", "title", "summary"):
            try:
                validation.plain_text(data.get(name) or "")
            except ValidationError as exc:
                self.add_error(name, exc)
        return data


def respondent_entity(text: str) -> MarketEntity | None:
    """The registered entity the respondent field names: “USCC name” as the lookup offers it, or a USCC."""
    first = (text or "").strip().split(" ")[0].upper()
    return MarketEntity.objects.filter(uscc=first).first() if len(first) == 18 else None


def _respondent(data) -> dict:
    text = data["respondent"].strip()
    entity = respondent_entity(text)
    if entity is not None:
        return {"role": PartyRole.RESPONDENT, "entity": entity}
    codes_named = duplicates.USCC_RE.findall(text.upper())
    note = _("Unified social credit code as given: %(code)s") % {"code": codes_named[0]} if codes_named else ""
    return {"role": PartyRole.RESPONDENT, "name": text, "note": note}


def _caller(data, received_by: Organization) -> dict | None:
    if data.get("anonymous"):
        return None
    role = PartyRole.COMPLAINANT if data["procedure"] == "complaint" else PartyRole.REPORTER
    id_number = data.get("person_id_number") or None
    person = Person.objects.filter(id_number=id_number).first() if id_number else None
    if person is None:
        person = Person(name=data["person_name"].strip(), id_number=id_number, phone=data.get("person_phone", ""),
                        org=received_by)
        try:
            person.full_clean()
        except ValidationError as exc:
            raise ValidationError({f"person_{k}" if k in ("name", "phone") else "person_id_number": v
                                   for k, v in exc.message_dict.items()}) from None
        person.save()
    return {"role": role, "person": person}


def default_title(data) -> str:
    entity = respondent_entity(data.get("respondent"))
    who = entity.name if entity is not None else (data.get("respondent") or "").strip()
    what = (data.get("product") or "").strip()
    kind = _("Complaint") if data["procedure"] == "complaint" else _("Report")
    return f"{kind}：{who}{' ' + what if what else ''}"[:200]


def record(user, data: dict) -> Case:
    """Open the report or complaint from the form's cleaned data; returns the case (with its
    one-time `check_code`). Raises engine.CaseError or ValidationError, saving nothing."""
    received_by = data["received_by"]
    district = data.get("district")
    with transaction.atomic():
        parties = [_respondent(data)]
        caller = _caller(data, received_by)
        if caller is not None:
            parties.insert(0, caller)
        places = []
        if (data.get("address") or "").strip() or district is not None:
            places.append({"kind": PlaceKind.PREMISES, "address": data.get("address") or district.name,
                           "district": district})
        if (data.get("platform") or "").strip():
            places.append({"kind": PlaceKind.ONLINE, "address": data["platform"]})
        if (data.get("exhibition") or "").strip():
            places.append({"kind": PlaceKind.EXHIBITION, "address": data["exhibition"], "district": district})
        products = [{"name": data["product"], "value": data.get("value")}] if (data.get("product") or "").strip() else []
        case = engine.open_case(
            data["procedure"], user, handling_org=received_by, title=(data.get("title") or "").strip()
            or default_title(data), at=data.get("received_on"),
            kind=("anonymous" if data.get("anonymous") else "named") if data["procedure"] == "report" else "",
            channel=data["channel"], district=district, summary=data.get("summary") or "", parties=parties,
            rights=[data["right"]] if data.get("right") else [], products=products, places=places)
        proposals.store(case, {"matter": data.get("matter"), "foreign": bool(data.get("foreign")),
                               "value": None if data.get("value") is None else str(data["value"])})
    return case

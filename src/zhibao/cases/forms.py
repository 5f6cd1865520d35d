"""Forms of the case pages.

A step's form is generated from its transition's FieldSpecs (`StepForm`), so a procedure
declared as data gets its pages without page code of its own. The forms only check what a
browser may get wrong (a date that is not a date, a number that is not a number); every rule
of the procedure is the engine's, which the views call with the cleaned values.
"""
from django import forms
from django.utils.translation import gettext_lazy as _, pgettext_lazy

from zhibao.accounts.models import User
from zhibao.accounts.roles import Role, Scope
from zhibao.calendar.limits import MAX_COUNT, Unit
from zhibao.registry.choices import RightKind
from zhibao.registry.models import District, Organization

from . import clocks, timelimits
from .models import Channel, PartyRole, PlaceKind, TimeLimitRule, Track
from .procedures.base import Action, FieldKind, FieldSpec, Procedure, Transition

#: Roles that never handle cases, so are never offered as officers.
NOT_OFFICERS = (Role.ENTERPRISE, Role.LEADERSHIP, Role.EXPERT)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def _blank(choices) -> list:
    return [("", "—"), *choices]


def spec_field(spec: FieldSpec) -> forms.Field:
    """The form field for one FieldSpec of a procedure."""
    common = {"label": spec.label, "required": spec.required,
              "help_text": str(spec.source) if spec.source else ""}
    kind = spec.kind
    if kind is FieldKind.TEXT:
        return forms.CharField(max_length=spec.max_length, **common)
    if kind is FieldKind.LONGTEXT:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), **common)
    if kind is FieldKind.DATE:
        return forms.DateField(widget=DateInput, **common)
    if kind is FieldKind.CHOICE:
        choices = list(spec.choices)
        return forms.ChoiceField(choices=choices if spec.required else _blank(choices), **common)
    if kind is FieldKind.INT:
        return forms.IntegerField(min_value=spec.min_value, max_value=spec.max_value, **common)
    if kind is FieldKind.DECIMAL:
        return forms.DecimalField(min_value=0, max_digits=14, decimal_places=2, **common)
    if kind is FieldKind.BOOL:
        return forms.BooleanField(**{**common, "required": False})
    if kind is FieldKind.ORGANIZATION:
        return forms.ModelChoiceField(Organization.objects.filter(is_active=True).order_by("name"), **common)
    raise ValueError(f"unsupported field kind {kind}")  # pragma: no cover - declarations are validated


def _engine_value(spec: FieldSpec, value):
    return value.pk if spec.kind is FieldKind.ORGANIZATION else value


class StepForm(forms.Form):
    """One step of the procedure: its date, its declared fields, a note, and the case version
    the user saw (a save on a stale version is refused by the engine)."""

    at = forms.DateField(label=_("Date of the step"), widget=DateInput)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, transition: Transition, case, *args, **kwargs):
        kwargs.setdefault("prefix", transition.code)
        kwargs.setdefault("initial", {"at": clocks.today(), "version": case.version})
        super().__init__(*args, **kwargs)
        self.transition = transition
        note = self.fields.pop("note")
        for spec in transition.fields:
            self.fields[spec.name] = spec_field(spec)
        self.fields["note"] = note
        if "clock" in self.fields and any(e.action is not Action.START for e in transition.effects):
            self._only_open_clocks(case)

    def _only_open_clocks(self, case) -> None:
        """Offer pause, resume and extension only for the time limits running on the case."""
        field = self.fields["clock"]
        open_codes = set(clocks.open_clocks(case).values_list("code", flat=True))
        offered = [(c, label) for c, label in field.choices if c == "" or c in open_codes]
        if any(c for c, _label in offered):
            field.choices = offered

    def engine_data(self) -> dict:
        """The step's fields as the engine takes them (empty ones left out)."""
        out = {}
        for spec in self.transition.fields:
            value = self.cleaned_data.get(spec.name)
            if value not in (None, ""):
                out[spec.name] = _engine_value(spec, value)
        return out


def handling_bodies(user):
    """The bodies a user may open a case for: their own, their district's, or any (city-wide)."""
    qs = Organization.objects.filter(is_active=True).order_by("name")
    if user.is_superuser or user.scope == Scope.CITY:
        return qs
    if user.scope == Scope.DISTRICT:
        return qs.filter(district_id=user.district_id)
    return qs.filter(pk=user.organization_id)


def officers_for(user, organization_ids):
    """Active users who handle cases in the given bodies (or in the user's own)."""
    ids = {i for i in organization_ids if i} | ({user.organization_id} if user.organization_id else set())
    return (User.objects.filter(is_active=True, organization_id__in=ids).exclude(role__in=NOT_OFFICERS)
            .order_by("username"))


class OfficerChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.get_full_name() or obj.get_username()} ({obj.get_username()})"


class OfficersChoice(forms.ModelMultipleChoiceField):
    label_from_instance = OfficerChoice.label_from_instance


class OpenCaseForm(forms.Form):
    """Opening a case through one entry transition of a procedure."""

    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"))
    handling_org = forms.ModelChoiceField(Organization.objects.none(), label=_("Handling body"))
    district = forms.ModelChoiceField(District.objects.order_by("code"), label=_("District"), required=False,
                                      help_text=_("Leave empty for the handling body's district."))
    track = forms.ChoiceField(label=_("Track"), required=False)
    channel = forms.ChoiceField(label=_("Channel"), choices=_blank(Channel.choices), required=False)
    at = forms.DateField(label=_("Received on"), widget=DateInput)
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    officers = OfficersChoice(User.objects.none(), label=_("Officers"), required=False,
                              widget=forms.SelectMultiple(attrs={"size": 6}))

    def __init__(self, procedure: Procedure, entry: Transition, user, *args, **kwargs):
        kwargs.setdefault("initial", {"at": clocks.today(), "officers": [user.pk],
                                      "handling_org": user.organization_id})
        super().__init__(*args, **kwargs)
        self.procedure, self.entry = procedure, entry
        if procedure.kinds:
            self.fields["kind"].choices = list(procedure.kinds)
        else:
            del self.fields["kind"]
        if procedure.tracks:
            self.fields["track"].choices = _blank((t, Track(t).label) for t in procedure.tracks)
        else:
            del self.fields["track"]
        self.fields["handling_org"].queryset = handling_bodies(user)
        self.fields["officers"].queryset = officers_for(user, [])
        if entry.min_officers:
            self.fields["officers"].required = True
            self.fields["officers"].help_text = _("At least %(n)d officers.") % {"n": entry.min_officers}
        for spec in entry.fields:
            self.fields[spec.name] = spec_field(spec)

    def engine_data(self) -> dict:
        return {spec.name: _engine_value(spec, self.cleaned_data[spec.name]) for spec in self.entry.fields
                if self.cleaned_data.get(spec.name) not in (None, "")}


class VersionedForm(forms.Form):
    """A record added to a case carries the case version the user saw."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class PartyForm(VersionedForm):
    """A party: a registered entity or person chosen from the type-ahead's suggestions
    (`registered`), a registered entity by its code or exact name, or a name only."""

    role = forms.ChoiceField(label=_("Role"), choices=PartyRole.choices)
    entity = forms.CharField(label=_("Registered market entity or person"), required=False, max_length=150,
                             help_text=_("Type part of a name, a unified social credit code or an ID number and "
                                         "choose below; or give the entity's code or exact registered name."))
    registered = forms.CharField(label=_("Choose from the registry"), required=False, max_length=30,
                                 widget=forms.RadioSelect)
    name = forms.CharField(label=_("Or a name only"), required=False, max_length=150,
                           help_text=_("For a party that is not in the registry (a foreign company, a person)."))
    no_prc_domicile = forms.BooleanField(label=_("No domicile in the PRC"), required=False)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)

    def __init__(self, *args, lookup_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if lookup_url:
            self.fields["entity"].widget.attrs.update({
                "hx-get": lookup_url, "hx-trigger": "input changed delay:300ms, search",
                "hx-target": f"#{self['registered'].auto_id}", "autocomplete": "off"})

    def clean(self):
        data = super().clean()
        registry = bool(data.get("registered") or data.get("entity"))
        if registry == bool(data.get("name")):
            raise forms.ValidationError(_("Give either a registered market entity or person, or a name, not both."))
        return data


class RightForm(VersionedForm):
    number = forms.CharField(label=_("Number of the right"), max_length=60,
                             help_text=_("As registered: a patent number, a trademark registration number, ..."))
    kind = forms.ChoiceField(label=_("Kind of right"), choices=_blank(RightKind.choices), required=False,
                             help_text=_("Needed only when rights of several kinds have this number."))
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class ProductForm(VersionedForm):
    name = forms.CharField(label=_("Product"), max_length=150)
    brand = forms.CharField(label=_("Brand"), max_length=100, required=False)
    model_number = forms.CharField(label=_("Model"), max_length=100, required=False)
    quantity = forms.IntegerField(label=_("Quantity"), min_value=0, required=False)
    value = forms.DecimalField(label=_("Value (yuan)"), min_value=0, max_digits=14, decimal_places=2,
                               required=False)


class PlaceForm(VersionedForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=PlaceKind.choices)
    address = forms.CharField(label=_("Address or name"), max_length=300)
    url = forms.URLField(label=_("Web address"), max_length=500, required=False, assume_scheme="https")
    district = forms.ModelChoiceField(District.objects.order_by("code"), label=_("District"), required=False)


class AssignForm(VersionedForm):
    officer = OfficerChoice(User.objects.none(), label=_("Officer"))
    lead = forms.BooleanField(label=_("Lead officer"), required=False)

    def __init__(self, case, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers_for(user, [case.handling_org_id]).exclude(
            pk__in=case.assignments.values("user_id"))


class WorklistForm(forms.Form):
    days = forms.IntegerField(label=_("Due within (days)"), min_value=0, max_value=366, required=False)
    mine = forms.BooleanField(label=_("Only my cases"), required=False)


TAGS = (("V", _("V: checked against the regulation's own text")),
        ("V-sec", _("V-sec: checked against a secondary source only")),
        ("M", _("M: from memory, unverified")))


class RuleForm(forms.Form):
    """A new amount of a time limit from a date, with its source and the reason for the change."""

    unit = forms.ChoiceField(label=_("Unit"))
    amount = forms.IntegerField(label=_("Amount"), min_value=1, max_value=MAX_COUNT, required=False)
    max_count = forms.IntegerField(label=_("Times it may be granted"), min_value=1, max_value=99, required=False,
                                   help_text=_("Empty: no limit in the law."))
    effective_from = forms.DateField(label=_("In force from"), widget=DateInput,
                                     help_text=_("Time limits started before this date keep their amount."))
    organization = forms.ModelChoiceField(Organization.objects.filter(is_active=True).order_by("name"),
                                          label=_("Only for this body"), required=False,
                                          help_text=_("A body's own target; leave empty for everyone."))
    source = forms.CharField(label=pgettext_lazy("legal basis", "Source"), max_length=400,
                             help_text=_("The regulation and article, or the body's decision."))
    tag = forms.ChoiceField(label=_("Verification"), choices=TAGS)
    note = forms.CharField(label=_("Reason for the change"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, declared, *args, extension: bool = False, by_body: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        units = dict(TimeLimitRule.UNIT_CHOICES)
        if declared.unit == timelimits.DATE:
            self.fields["unit"].choices = [(timelimits.DATE, units[timelimits.DATE])]
            del self.fields["amount"]
        else:
            self.fields["unit"].choices = [(u.value, units[u.value]) for u in Unit]
            self.fields["amount"].required = True
        if not extension:
            del self.fields["max_count"]
        if not by_body:
            del self.fields["organization"]

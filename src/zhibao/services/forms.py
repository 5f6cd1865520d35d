"""Forms of the service pages. They collect and parse input; the rules are in the models'
`clean()` (validation.py) and the rule modules, which the API and the demo use too.

Related records offered in a choice are limited to the user's data scope. Enterprises are
named by their unified social credit code or exact registered name: a workstation serves
whoever walks in, so any registered enterprise can be named (its name and code are public
in the national enterprise credit system); only what the user may see is linked.
"""
import re

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from stdnum.cn import uscc as stdnum_uscc

from zhibao.accounts.scope import visible
from zhibao.registry.models import District, MarketEntity, Organization

from . import common
from .models import (
    CentreProfile, Expert, ExpertAppointment, ExpertOpinion, ExpertTie, ExpertUnavailability, FilingEntity, ListBatch,
    ListEntry, PreexamRequest, ProductDescription, ServiceRecord, SpecialAction, Survey, SurveyQuestion, Workstation,
    WorkstationContact,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_LINES = 500
_USCC_SHAPE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{18}$")


class ServiceForm(forms.ModelForm):
    """A ModelForm carrying the record's version (optimistic locking), with related choices
    limited to the user's data scope and uniqueness left to registry.services.save_record."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = getattr(self.instance, "version", None)
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField) and getattr(field.queryset.model, "scope_paths", None):
                field.queryset = visible(field.queryset, user)
            if isinstance(field, forms.DateField):
                field.widget = DATE
            if isinstance(field, forms.CharField) and getattr(field, "max_length", None):
                field.widget.attrs.setdefault("maxlength", field.max_length)
            if isinstance(field, EntityField):
                field.widget.attrs.update(entity_lookup_attrs(field.list_id))
        if "district" in self.fields:
            self.fields["district"].queryset = District.objects.order_by("-level", "code")

    @property
    def expected_version(self):
        return self.cleaned_data.get("version") if self.instance.pk else None

    def clean(self):
        data = super().clean()
        if self.instance.pk and hasattr(self.instance, "version") and data.get("version") is None \
                and "version" not in self.errors:
            raise ValidationError(_("This form is out of date; reload the page and make your changes again."),
                                  code="version")
        return data

    def _post_clean(self):
        opts = self._meta
        exclude = self._get_validation_exclusions()
        try:
            self.instance = forms.models.construct_instance(self, self.instance, opts.fields, opts.exclude)
        except ValidationError as exc:
            self._update_errors(exc)
        try:
            self.instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            self._update_errors(self._on_form(exc))

    def _on_form(self, exc: ValidationError) -> ValidationError:
        """Errors of model fields that the form does not show go to the form as a whole."""
        if not hasattr(exc, "error_dict"):
            return exc
        out: dict = {}
        for field, errors in exc.error_dict.items():
            key = field if field in self.fields else NON_FIELD_ERRORS
            out.setdefault(key, []).extend(errors)
        return ValidationError(out)


# -- enterprises by code or name -------------------------------------------------------------

def entity_lookup_attrs(list_id: str) -> dict:
    """Suggestions from the registry's entity lookup as the user types, where it exists."""
    try:
        url = reverse("registry:entity_lookup")
    except NoReverseMatch:
        return {"autocomplete": "off"}
    return {"list": list_id, "autocomplete": "off", "hx-get": url, "hx-trigger": "input changed delay:300ms",
            "hx-target": f"#{list_id}", "hx-swap": "innerHTML"}


def resolve_entity(text: str) -> MarketEntity:
    """The registered market entity named by `text`: its USCC (alone or first, as the suggestion
    list writes "USCC name"), or its exact registered name."""
    text = " ".join((text or "").split())
    first = text.split(" ", 1)[0]
    code = stdnum_uscc.compact(first).upper()
    if len(code) == 18 and _USCC_SHAPE.match(code):
        entity = MarketEntity.objects.filter(uscc=code).first()
        if entity is None:
            raise ValidationError(_("No market entity with the unified social credit code %(code)s is registered; "
                                    "an officer who may change the registry can add it."),
                                  code="not_found", params={"code": code})
        return entity
    matches = list(MarketEntity.objects.filter(name=text)[:2])
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise ValidationError(_("Several market entities are named “%(name)s”; enter the unified social credit "
                                "code instead."), code="ambiguous", params={"name": text})
    raise ValidationError(_("No market entity named “%(name)s” is registered; check the name or enter the unified "
                            "social credit code."), code="not_found", params={"name": text})


class EntityField(forms.CharField):
    """One market entity, by USCC or exact name."""

    def __init__(self, *args, list_id: str = "entity-options", **kwargs):
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("help_text", _("The unified social credit code, or the exact registered name."))
        super().__init__(*args, **kwargs)
        self.list_id = list_id  # the lookup attributes are added by ServiceForm (URLs are not loaded yet here)

    def prepare_value(self, value):
        if isinstance(value, MarketEntity):
            return f"{value.uscc} {value.name}"
        if isinstance(value, int):
            entity = MarketEntity.objects.filter(pk=value).first()
            return f"{entity.uscc} {entity.name}" if entity else ""
        return value

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        return resolve_entity(text)


class EntitiesField(forms.CharField):
    """Several market entities, one per line (USCC or exact name)."""

    widget = forms.Textarea(attrs={"rows": 4})

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 30000)
        kwargs.setdefault("help_text", _("One per line: the unified social credit code, or the exact registered "
                                         "name."))
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)):
            return "\n".join(f"{e.uscc} {e.name}" if isinstance(e, MarketEntity) else str(e) for e in value)
        return value

    def clean(self, value):
        text = super().clean(value) or ""
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if len(lines) > MAX_LINES:
            raise ValidationError(_("Name at most %(n)d enterprises."), params={"n": MAX_LINES}, code="too_many")
        found, problems = [], []
        for number, line in enumerate(lines, start=1):
            try:
                found.append(resolve_entity(line))
            except ValidationError as exc:
                problems.append(_("Line %(n)d: %(problem)s") % {"n": number, "problem": " ".join(exc.messages)})
        if problems:
            raise ValidationError(problems)
        return list({e.pk: e for e in found}.values())


# -- workstations and services -----------------------------------------------------------------

class WorkstationForm(ServiceForm):
    host_entity = EntityField(label=_("Host enterprise"), required=False, list_id="host-entity-options",
                              help_text=_("The key enterprise, park operator, market or exhibition organizer "
                                          "hosting it: unified social credit code or exact name."))

    class Meta:
        model = Workstation
        fields = ["name", "kind", "supervisor", "host_org", "host_entity", "host_name", "district", "zone",
                  "address", "latitude", "longitude", "opened_on", "closed_on", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bodies = Organization.objects.exclude(kind="workstation").order_by("kind", "name")
        self.fields["supervisor"].queryset = bodies
        self.fields["host_org"].queryset = bodies
        if self.instance.pk and self.instance.host_entity_id:
            self.initial["host_entity"] = self.instance.host_entity


class ContactForm(ServiceForm):
    class Meta:
        model = WorkstationContact
        fields = ["name", "position", "phone", "email"]


class ServiceRecordForm(ServiceForm):
    entities = EntitiesField(label=_("Enterprises served"), required=False)

    class Meta:
        model = ServiceRecord
        fields = ["workstation", "kind", "served_on", "subject", "details", "participants"]
        widgets = {"details": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workstation"].queryset = self.fields["workstation"].queryset.order_by("name")
        if self.instance.pk:
            self.initial["entities"] = list(MarketEntity.objects.filter(
                services_received__record=self.instance).order_by("name"))


# -- experts -----------------------------------------------------------------------------------------

class CaseField(forms.CharField):
    """A case by its number, or #id before it has one, within the user's data scope."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 60)
        kwargs.setdefault("help_text", _("The case number, or # and its id (#123) before it has a number."))
        super().__init__(*args, **kwargs)
        self.user = None

    def prepare_value(self, value):
        from zhibao.cases.models import Case

        if isinstance(value, Case):
            return value.reference
        return value

    def clean(self, value):
        from zhibao.cases.models import Case

        text = (super().clean(value) or "").strip()
        if not text:
            return None
        cases = visible(Case.objects.all(), self.user)
        if text.startswith("#") and text[1:].isdigit():
            case = cases.filter(pk=int(text[1:])).first()
        else:
            case = cases.filter(number=text).first()
        if case is None:
            raise ValidationError(_("No case “%(ref)s” in your data scope."), code="not_found", params={"ref": text})
        return case


class ExpertForm(ServiceForm):
    employer_entity = EntityField(label=_("Employer (market entity)"), required=False, list_id="employer-options",
                                  help_text=_("If the expert works for an enterprise or university in the registry: "
                                              "its unified social credit code or exact name."))

    class Meta:
        model = Expert
        fields = ["name", "title", "employer_entity", "employer_org", "employer_name", "ipc_classes", "industries",
                  "specialty", "phone", "email", "availability", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer_org"].queryset = Organization.objects.exclude(kind="workstation").order_by("kind", "name")
        self.fields["employer_name"].required = False
        if self.instance.pk and self.instance.employer_entity_id:
            self.initial["employer_entity"] = self.instance.employer_entity


class AppointmentForm(ServiceForm):
    class Meta:
        model = ExpertAppointment
        fields = ["role", "appointed_by", "document", "starts_on", "ends_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["appointed_by"].queryset = Organization.objects.exclude(kind="workstation").order_by("kind", "name")


class EndAppointmentForm(forms.Form):
    ended_on = forms.DateField(label=_("No longer valid from"), widget=DATE)
    end_reason = forms.CharField(label=_("Reason"), max_length=200)


class UnavailabilityForm(ServiceForm):
    class Meta:
        model = ExpertUnavailability
        fields = ["first_day", "last_day", "reason"]


class TieForm(ServiceForm):
    entity = EntityField(label=_("Market entity"), required=False, list_id="tie-entity-options",
                         help_text=_("A party it may concern: unified social credit code or exact name."))
    person_id_number = forms.CharField(label=_("or a person, by resident ID number"), required=False, max_length=30)
    case = CaseField(label=_("Case"), required=False)

    class Meta:
        model = ExpertTie
        fields = ["kind", "entity", "name", "case", "started_on", "ended_on", "detail", "declared_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].user = self.user

    def clean_person_id_number(self):
        from zhibao.registry.codes import clean_id_number
        from zhibao.registry.models import Person

        text = self.cleaned_data.get("person_id_number", "").strip()
        if not text:
            return None
        number = clean_id_number(text)
        person = Person.objects.filter(id_number=number).first()
        if person is None:
            raise ValidationError(_("No person with this resident ID number is registered."), code="not_found")
        return person

    def _post_clean(self):
        person = self.cleaned_data.get("person_id_number")
        if person is not None:
            self.instance.person = person
        super()._post_clean()


class DrawForm(forms.Form):
    case = CaseField(label=_("Case"))
    role = forms.ChoiceField(label=_("Role"))
    count = forms.IntegerField(label=_("Experts to draw"), min_value=1, max_value=15, initial=1)
    ipc_classes = forms.CharField(label=_("IPC classes"), required=False, max_length=300,
                                  help_text=_("The technical fields of the case, e.g. B23Q 11/12; experts in any of "
                                              "them qualify. Leave empty (with industries) to accept every field."))
    industries = forms.CharField(label=_("Industries"), required=False, max_length=60,
                                 help_text=_("GB/T 4754 sections, e.g. C, I."))
    drawn_on = forms.DateField(label=_("Draw date"), widget=DATE,
                               help_text=_("Appointments, availability and conflicts are checked as of this day."))
    seed = forms.IntegerField(label=_("Seed"), required=False, min_value=0, max_value=2**63 - 1,
                              help_text=_("Leave empty: a random seed is chosen and recorded. Give one only to "
                                          "repeat a draw announced in advance."))
    note = forms.CharField(label=_("Note"), required=False, max_length=300)

    def __init__(self, *args, user=None, **kwargs):
        from .choices import ExpertRole

        super().__init__(*args, **kwargs)
        self.fields["case"].user = user
        self.fields["role"].choices = ExpertRole.choices
        self.fields["drawn_on"].widget = DATE


class RecusalForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"))
    note = forms.CharField(label=_("Details"), required=False, max_length=300)
    on = forms.DateField(label=_("Recused on"), widget=DATE)
    replace = forms.BooleanField(label=_("Draw a replacement now"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        from .choices import RecusalReason

        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = RecusalReason.choices


class OpinionForm(ServiceForm):
    class Meta:
        model = ExpertOpinion
        fields = ["kind", "given_on", "title", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 12})}


# -- pre-examination ---------------------------------------------------------------------------------

def _centres():
    return Organization.objects.filter(kind="protection_centre").order_by("name")


class CentreProfileForm(ServiceForm):
    class Meta:
        model = CentreProfile
        fields = ["centre", "service_area", "ipc_classes", "industries", "filing_years", "target_working_days",
                  "source"]
        widgets = {"service_area": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = _centres()
        self.fields["service_area"].queryset = District.objects.filter(
            Q(code="610100") | Q(parent__code="610100")).order_by("code")
        if self.instance.pk:
            self.fields["centre"].disabled = True


class FilingForm(ServiceForm):
    entity = EntityField(label=_("Entity"), list_id="filing-entity-options")

    class Meta:
        model = FilingEntity
        fields = ["centre", "entity", "ipc_classes", "industries", "contact_name", "contact_phone", "applied_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = _centres()
        if self.instance.pk:
            self.initial["entity"] = self.instance.entity


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label=pgettext_lazy("review", "Decision"),
                                 choices=(("approve", _("Approve")), ("reject", _("Reject"))),
                                 widget=forms.RadioSelect)
    on = forms.DateField(label=_("Reviewed on"), widget=DATE)
    valid_until = forms.DateField(label=_("Valid until"), required=False, widget=DATE,
                                  help_text=_("Leave empty for the centre's usual period."))
    note = forms.CharField(label=_("Note (the reason, when rejecting)"), required=False, max_length=300)


class RevokeForm(forms.Form):
    on = forms.DateField(label=_("No longer valid from"), widget=DATE)
    reason = forms.CharField(label=_("Reason"), max_length=300)


class PreexamForm(ServiceForm):
    entity = EntityField(label=_("Filing entity"), list_id="preexam-entity-options")
    centre = forms.ModelChoiceField(label=_("Protection centre"), queryset=Organization.objects.none())

    class Meta:
        model = PreexamRequest
        fields = ["entity", "centre", "reference", "title", "patent_kind", "ipc_class", "submitted_on", "outcome",
                  "outcome_on", "outcome_note", "application_number", "granted_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = _centres()
        if self.instance.pk:
            self.initial["entity"] = self.instance.filing.entity
            self.initial["centre"] = self.instance.filing.centre_id
            self.fields["entity"].disabled = self.fields["centre"].disabled = True

    def clean(self):
        data = super().clean()
        entity, centre, day = data.get("entity"), data.get("centre"), data.get("submitted_on")
        if self.instance.pk or not (entity and centre and day):
            return data
        filings = visible(FilingEntity.objects.filter(entity=entity, centre=centre), self.user)
        filing = filings.filter(common.valid_on(day)).first() or filings.order_by("-applied_on").first()
        if filing is None:
            self.add_error("entity", _("%(entity)s has not filed with %(centre)s (in your data scope).")
                           % {"entity": entity, "centre": centre})
        else:
            self.instance.filing = filing
        return data


# -- protection lists -----------------------------------------------------------------------------------

class RightsField(forms.CharField):
    """IP rights, one per line, by number (with the kind first when a number is ambiguous:
    "trademark 12345678")."""

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 20000)
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("One per line: the patent, registration or announcement number."))
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)):
            return "\n".join(r.number if hasattr(r, "number") else str(r) for r in value)
        return value

    def clean(self, value):
        from zhibao.registry.choices import RightKind
        from zhibao.registry.models import IPRight

        text = super().clean(value) or ""
        found, problems = [], []
        kinds = {k.value: k for k in RightKind} | {str(k.label).lower(): k for k in RightKind}
        for n, line in enumerate((x.strip() for x in text.splitlines()), start=1):
            if not line:
                continue
            kind, number = None, line
            first, _sep, rest = line.partition(" ")
            if rest and first.lower() in kinds:
                kind, number = kinds[first.lower()], rest.strip()
            qs = IPRight.objects.filter(number=number.upper() if number.isascii() else number)
            if kind:
                qs = qs.filter(kind=kind)
            matches = list(qs[:2])
            if len(matches) == 1:
                found.append(matches[0])
            elif matches:
                problems.append(_("Line %(n)d: several rights have the number %(number)s; write the kind first "
                                  "(e.g. “trademark %(number)s”).") % {"n": n, "number": number})
            else:
                problems.append(_("Line %(n)d: no IP right with the number %(number)s is registered.")
                                % {"n": n, "number": number})
        if problems:
            raise ValidationError(problems)
        return list({r.pk: r for r in found}.values())


class ListEntryForm(ServiceForm):
    entity = EntityField(label=_("Enterprise"), required=False, list_id="list-entity-options",
                         help_text=_("Who is listed, or who owns, holds, operates or organizes what is listed: "
                                     "unified social credit code or exact name."))
    rights_text = RightsField(label=_("IP rights"))

    class Meta:
        model = ListEntry
        fields = ["kind", "entity", "name", "parent", "reason", "listed_on", "valid_until", "batch", "keeper",
                  "district", "venue", "starts_on", "ends_on", "complaint_office", "arrangements", "note"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 3}), "arrangements": forms.Textarea(attrs={"rows": 3}),
                   "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = ListEntry.objects.filter(
            kind__in=("key_enterprise", "contact_enterprise")).select_related("entity").order_by("kind", "name")
        self.fields["keeper"].queryset = Organization.objects.exclude(kind="workstation").order_by("kind", "name")
        self.fields["complaint_office"].queryset = Workstation.objects.order_by("name")
        if self.instance.pk:
            self.initial["entity"] = self.instance.entity
            self.initial["rights_text"] = list(self.instance.rights.all())
            self.fields["kind"].disabled = True


class BatchForm(ServiceForm):
    class Meta:
        model = ListBatch
        fields = ["kind", "name", "published_on", "publisher", "document"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["publisher"].queryset = Organization.objects.exclude(kind="workstation").order_by("kind", "name")


class RemoveEntryForm(forms.Form):
    on = forms.DateField(label=_("Off the list from"), widget=DATE)
    reason = forms.CharField(label=_("Reason"), max_length=300)


class CasesField(forms.CharField):
    """Cases by number (or #id), one per line, within the user's data scope."""

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 10000)
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("One per line: the case number, or # and its id."))
        super().__init__(*args, **kwargs)
        self.user = None

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)):
            return "\n".join(c.reference for c in value)
        return value

    def clean(self, value):
        text = super().clean(value) or ""
        field = CaseField()
        field.user = self.user
        found, problems = [], []
        for n, line in enumerate((x.strip() for x in text.splitlines()), start=1):
            if not line:
                continue
            try:
                found.append(field.clean(line))
            except ValidationError as exc:
                problems.append(_("Line %(n)d: %(problem)s") % {"n": n, "problem": " ".join(exc.messages)})
        if problems:
            raise ValidationError(problems)
        return list({c.pk: c for c in found}.values())


class ActionForm(ServiceForm):
    cases_text = CasesField(label=_("Cases"))

    class Meta:
        model = SpecialAction
        fields = ["name", "entries", "lead", "starts_on", "ends_on", "description", "results"]
        widgets = {"entries": forms.CheckboxSelectMultiple, "description": forms.Textarea(attrs={"rows": 3}),
                   "results": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cases_text"].user = self.user
        self.fields["entries"].queryset = ListEntry.objects.filter(
            kind__in=("gi_product", "plant_variety", "key_market", "exhibition", "key_work", "core_technology"),
            removed_on__isnull=True).order_by("kind", "name")
        self.fields["lead"].queryset = Organization.objects.exclude(kind="workstation").order_by("kind", "name")
        if self.instance.pk:
            self.initial["cases_text"] = list(self.instance.cases.all())


class ProductDescriptionForm(ServiceForm):
    rights_text = RightsField(label=_("IP rights"),
                              help_text=_("One per line: the numbers of your patents and trademarks on the product."))

    class Meta:
        model = ProductDescription
        fields = ["name", "rights_text", "features", "markings", "channels", "contact", "valid_until", "shared_with"]
        widgets = {"features": forms.Textarea(attrs={"rows": 5}), "markings": forms.Textarea(attrs={"rows": 3}),
                   "channels": forms.Textarea(attrs={"rows": 3}), "shared_with": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shared_with"].queryset = Organization.objects.exclude(kind="workstation").order_by("kind", "name")
        self.fields["shared_with"].help_text = _("Only these bodies (and you) will see the description.")
        if self.instance.pk:
            self.initial["rights_text"] = list(self.instance.rights.all())


# -- surveys ----------------------------------------------------------------------------------------------

class SurveyForm(ServiceForm):
    class Meta:
        model = Survey
        fields = ["title", "occasion", "intro", "opens_on", "closes_on", "public"]
        widgets = {"intro": forms.Textarea(attrs={"rows": 3})}


class QuestionForm(ServiceForm):
    class Meta:
        model = SurveyQuestion
        fields = ["order", "text", "kind", "weight", "required"]


class InviteForm(forms.Form):
    survey = forms.ModelChoiceField(label=_("Survey"), queryset=Survey.objects.none())

    def __init__(self, *args, occasion: str, **kwargs):
        super().__init__(*args, **kwargs)
        today = common.today()
        self.fields["survey"].queryset = Survey.objects.filter(
            common.valid_on(today, "opens_on", "closes_on"), occasion=occasion).order_by("-opens_on")


class ResponseForm(forms.Form):
    """The questions of a survey. Answers are parsed and checked by surveys.clean_answers."""

    def __init__(self, *args, survey: Survey, **kwargs):
        from .choices import QuestionKind, SatisfactionLevel

        super().__init__(*args, **kwargs)
        self.survey = survey
        for q in survey.questions.order_by("order", "pk"):
            name = f"q{q.pk}"
            if q.kind == QuestionKind.SCORE:
                field = forms.CharField(label=q.text, required=False, max_length=10, help_text=_("0 to 100"),
                                        widget=forms.NumberInput(attrs={"min": 0, "max": 100, "step": 1}))
            elif q.kind == QuestionKind.LEVEL:
                field = forms.ChoiceField(label=q.text, required=False, choices=SatisfactionLevel.choices,
                                          widget=forms.RadioSelect)
            else:
                field = forms.CharField(label=q.text, required=False, max_length=4000,
                                        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 2000}))
            field.question_required = q.required
            self.fields[name] = field

    def clean(self):
        from . import surveys

        data = super().clean()
        raw = {int(name[1:]): value for name, value in data.items() if name.startswith("q")}
        try:
            self.parsed = surveys.clean_answers(self.survey, raw)
        except ValidationError as exc:
            for key, messages in exc.message_dict.items():
                self.add_error(key if key in self.fields else None, messages)
        self.raw = raw
        return data

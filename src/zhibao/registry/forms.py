"""Forms of the registry pages. They collect input; the rules are in validation.py and
services.py (save_record), which the API and the imports use too.

Choices of related records (supervising body, district, holders) are limited to what the
user may see, as the API limits them (accounts.scope.visible).
"""
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from stdnum.cn import uscc as stdnum_uscc

from zhibao.accounts.roles import Perm
from zhibao.accounts.scope import visible

from . import codes, search
from .choices import PATENT_KINDS, HolderRole, RightKind
from .models import (
    DevelopmentZone, District, GIAuthorization, IPRight, MarketEntity, Organization, Person, RightHolder,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VersionedForm(forms.ModelForm):
    """A ModelForm that carries the record's version for optimistic locking and limits its
    related-record choices to the user's data scope."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version
        for name, field in self.fields.items():
            if isinstance(field, forms.ModelChoiceField) and getattr(field.queryset.model, "scope_paths", None):
                field.queryset = visible(field.queryset, user)
            if isinstance(field, forms.DateField):
                field.widget = DATE
            if isinstance(field, forms.CharField) and getattr(field, "max_length", None):
                # The browser stops overlong text; the server refuses it regardless.
                field.widget.attrs.setdefault("maxlength", field.max_length)

    @property
    def expected_version(self) -> int | None:
        return self.cleaned_data.get("version") if hasattr(self, "cleaned_data") else None

    def clean(self):
        data = super().clean()
        if self.instance.pk and data.get("version") is None and "version" not in self.errors:
            # Without the version the edit could overwrite someone else's; the page always sends it.
            raise ValidationError(_("This form is out of date; reload the page and make your changes again."),
                                  code="version")
        return data

    def _post_clean(self):
        # As ModelForm does, but uniqueness (unique fields and unique constraints) is left to
        # services.save_record, which refuses a duplicate with the existing record to link to.
        opts = self._meta
        exclude = self._get_validation_exclusions()
        try:
            self.instance = forms.models.construct_instance(self, self.instance, opts.fields, opts.exclude)
        except ValidationError as exc:
            self._update_errors(exc)
        try:
            self.instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            self._update_errors(exc)


def _district_choices():
    # Xi'an's districts and counties first, then the city itself and the cluster cities.
    return District.objects.order_by("-level", "code")


class EntityForm(VersionedForm):
    class Meta:
        model = MarketEntity
        fields = ["name", "uscc", "kind", "status", "legal_representative", "district", "zone", "address",
                  "industry", "established", "registered_capital", "phone", "org"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = _district_choices()
        self.fields["zone"].queryset = DevelopmentZone.objects.order_by("level", "name")
        self.fields["uscc"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})
        self.fields["uscc"].required = False  # validation.clean_entity says what is missing, specifically
        self.fields["registered_capital"].widget.attrs["min"] = 0
        self.fields["uscc"].help_text = _("18 characters, checked against its check character (GB 32100).")


class RightForm(VersionedForm):
    """A right's own fields; kind-dependent ones are shown by zhibao.js and checked by
    validation.clean_right whatever the browser sent. On creation the first holder may be
    named (by USCC or name); holders are managed on the right's page afterwards."""

    first_holder = forms.CharField(
        label=_("Holder (market entity)"), required=False, max_length=search.MAX_QUERY + 30,
        help_text=_("Type part of the name or the unified social credit code and choose from the list."),
    )

    class Meta:
        model = IPRight
        fields = ["kind", "number", "title", "status", "application_date", "grant_date", "expiry_date",
                  "ipc_classes", "nice_classes", "gi_regime", "protected_area", "description", "district", "org"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = _district_choices()
        if self.instance.pk:
            del self.fields["first_holder"]
        else:
            self.fields["first_holder"].widget.attrs.update(entity_lookup_attrs("first-holder-options"))
        kind_of = {
            "ipc_classes": " ".join(PATENT_KINDS),
            "nice_classes": RightKind.TRADEMARK,
            "gi_regime": RightKind.GI,
            "protected_area": RightKind.GI,
        }
        for name, kinds in kind_of.items():
            self.fields[name].widget.attrs["data-kinds"] = kinds

    def clean_first_holder(self):
        text = self.cleaned_data.get("first_holder", "")
        if not text.strip():
            return None
        return resolve_entity(text, self.user)


def entity_lookup_attrs(list_id: str) -> dict:
    """Attributes that make a text input suggest market entities as the user types (htmx)."""
    from django.urls import reverse

    return {
        "list": list_id, "autocomplete": "off", "data-entity-lookup": "",
        "hx-get": reverse("registry:entity_lookup"), "hx-trigger": "input changed delay:300ms",
        "hx-target": f"#{list_id}", "hx-swap": "innerHTML",
    }


def resolve_entity(text: str, user) -> MarketEntity:
    """The market entity named by `text`: a USCC (alone or at the start, as the suggestion
    list writes it) or an exact name, within the user's data scope."""
    entities = visible(MarketEntity.objects.all(), user)
    text = search.normalize(text)
    first = text.split(" ", 1)[0]
    code = stdnum_uscc.compact(first)
    if len(code) == 18 and search.USCC_SHAPE.match(code):
        try:
            code = codes.clean_uscc(code)
        except ValidationError as exc:
            raise ValidationError(exc.messages, code="uscc") from None
        entity = entities.filter(uscc=code).first()
        if entity is None:
            raise ValidationError(
                _("No market entity with the unified social credit code %(code)s is in your data scope."),
                code="not_found", params={"code": code})
        return entity
    matches = list(entities.filter(name=text)[:2])
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise ValidationError(
            _("Several market entities are named “%(name)s”; choose one from the list or enter its unified "
              "social credit code."), code="ambiguous", params={"name": text})
    raise ValidationError(
        _("No market entity named “%(name)s” is in your data scope; type part of the name and choose from "
          "the list, or enter the unified social credit code."), code="not_found", params={"name": text})


class PersonForm(VersionedForm):
    class Meta:
        model = Person
        fields = ["name", "id_number", "gender", "birth_date", "phone", "address", "district", "org"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = _district_choices()
        self.fields["id_number"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})
        self.fields["birth_date"].help_text = _("Taken from the ID number when one is given.")
        self.fields["gender"].help_text = _("Taken from the ID number when one is given.")


class OrganizationForm(VersionedForm):
    class Meta:
        model = Organization
        fields = ["name", "short_name", "kind", "district", "parent", "uscc", "address", "phone", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = _district_choices()
        if self.instance.pk:
            # A body cannot be its own parent (nor one of its own sub-bodies).
            self.fields["parent"].queryset = self.fields["parent"].queryset.exclude(
                pk__in=_descendants(self.instance) | {self.instance.pk})

    def clean_uscc(self):
        value = self.cleaned_data.get("uscc")
        if not value:
            return None
        return codes.clean_uscc(value)


def _descendants(org: Organization) -> set[int]:
    found, frontier = set(), {org.pk}
    while frontier:
        frontier = set(Organization.objects.filter(parent__in=frontier).values_list("pk", flat=True)) - found
        found |= frontier
    return found


class HolderForm(forms.Form):
    """Add a holder to a right: a market entity (USCC or name) or a person (resident ID number)."""

    entity = forms.CharField(label=_("Market entity"), required=False, max_length=search.MAX_QUERY + 30,
                             help_text=_("Type part of the name or the unified social credit code and choose "
                                         "from the list."))
    person_id_number = forms.CharField(label=_("or a person, by resident ID number"), required=False,
                                       max_length=30)
    role = forms.ChoiceField(label=_("Role"), choices=HolderRole.choices, initial=HolderRole.OWNER)
    since = forms.DateField(label=_("Since"), required=False, widget=DATE)

    def __init__(self, *args, right: IPRight, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.right, self.user = right, user
        self.fields["entity"].widget.attrs.update(entity_lookup_attrs("holder-options"))
        if not user.has_perm(Perm.PERSON_VIEW):
            del self.fields["person_id_number"]

    def clean_since(self):
        since = self.cleaned_data.get("since")
        if since and since > timezone.localdate():
            raise ValidationError(_("This date is in the future."), code="future")
        return since

    def clean(self):
        data = super().clean()
        entity_text = (data.get("entity") or "").strip()
        id_text = (data.get("person_id_number") or "").strip()
        if bool(entity_text) == bool(id_text):
            raise ValidationError(_("Name either a market entity or a person (not both)."), code="one")
        holder = RightHolder(right=self.right, role=data.get("role") or HolderRole.OWNER, since=data.get("since"))
        if entity_text:
            try:
                holder.entity = resolve_entity(entity_text, self.user)
            except ValidationError as exc:
                self.add_error("entity", exc)
                return data
            if self.right.holders.filter(entity=holder.entity).exists():
                self.add_error("entity", gettext("“%(name)s” already holds this right.") % {"name": holder.entity})
                return data
        else:
            try:
                number = codes.clean_id_number(id_text)
            except ValidationError as exc:
                self.add_error("person_id_number", exc)
                return data
            person = visible(Person.objects.all(), self.user).filter(id_number=number).first()
            if person is None:
                self.add_error("person_id_number",
                               _("No person with this resident ID number is in your data scope."))
                return data
            if self.right.holders.filter(person=person).exists():
                self.add_error("person_id_number", _("This person already holds this right."))
                return data
            holder.person = person
        data["holder"] = holder
        return data


class GIUserForm(forms.Form):
    """Authorize a market entity to use a geographical indication."""

    entity = forms.CharField(label=_("Market entity"), max_length=search.MAX_QUERY + 30,
                             help_text=_("Type part of the name or the unified social credit code and choose "
                                         "from the list."))
    certificate = forms.CharField(label=_("Authorization number"), required=False, max_length=50)
    valid_from = forms.DateField(label=_("Valid from"), required=False, widget=DATE)
    valid_until = forms.DateField(label=_("Valid until"), required=False, widget=DATE)

    def __init__(self, *args, right: IPRight, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.right, self.user = right, user
        self.fields["entity"].widget.attrs.update(entity_lookup_attrs("gi-user-options"))
        self.fields["certificate"].widget.attrs["maxlength"] = 50

    def clean_certificate(self):
        from .validation import plain_text

        value = self.cleaned_data.get("certificate", "").strip()
        plain_text(value)
        return value

    def clean(self):
        data = super().clean()
        if self.right.kind != RightKind.GI:
            raise ValidationError(_("Only geographical indications have authorized users."), code="not_gi")
        start, end = data.get("valid_from"), data.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("The end of validity cannot be before its start."))
        text = data.get("entity")
        if text:
            try:
                entity = resolve_entity(text, self.user)
            except ValidationError as exc:
                self.add_error("entity", exc)
                return data
            if self.right.gi_users.filter(entity=entity).exists():
                self.add_error("entity", gettext("“%(name)s” is already an authorized user of this "
                                                 "geographical indication.") % {"name": entity})
                return data
            data["authorization"] = GIAuthorization(
                right=self.right, entity=entity, certificate=data.get("certificate", ""),
                valid_from=start, valid_until=end)
        return data


class GIUserEditForm(forms.Form):
    """Change an authorization's number and validity (the entity stays; remove and add to change it)."""

    certificate = forms.CharField(label=_("Authorization number"), required=False, max_length=50)
    valid_from = forms.DateField(label=_("Valid from"), required=False, widget=DATE)
    valid_until = forms.DateField(label=_("Valid until"), required=False, widget=DATE)

    def __init__(self, *args, authorization: GIAuthorization, **kwargs):
        kwargs.setdefault("initial", {"certificate": authorization.certificate, "valid_from": authorization.valid_from,
                                      "valid_until": authorization.valid_until})
        kwargs.setdefault("prefix", f"auth{authorization.pk}")
        super().__init__(*args, **kwargs)
        self.authorization = authorization
        self.fields["certificate"].widget.attrs["maxlength"] = 50

    def clean_certificate(self):
        from .validation import plain_text

        value = self.cleaned_data.get("certificate", "").strip()
        plain_text(value)
        return value

    def clean(self):
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("The end of validity cannot be before its start."))
        return data

    def apply(self) -> GIAuthorization:
        auth = self.authorization
        auth.certificate = self.cleaned_data["certificate"]
        auth.valid_from = self.cleaned_data["valid_from"]
        auth.valid_until = self.cleaned_data["valid_until"]
        return auth

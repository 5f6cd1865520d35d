"""The public's forms: every field length-limited and plain text, ID numbers and USCCs checked
with python-stdnum (registry.codes), a honeypot field and a consent box."""
import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from zhibao.cases import clocks
from zhibao.registry import codes
from zhibao.registry.models import District
from zhibao.registry.validation import plain_text

_PHONE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")
XIAN = "610100"


def clean_phone(value: str) -> str:
    phone = re.sub(r"[\s()（）]", "", value or "")
    if not _PHONE.match(phone):
        raise ValidationError(_("Enter a mobile number of 11 digits, or a landline with its area code "
                                "(e.g. 029-12345678)."))
    return phone


class PlainForm(forms.Form):
    """Text fields are stripped and must be plain text (no HTML or scripts)."""

    honeypot_field = "website"

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            if isinstance(value, str) and value:
                try:
                    plain_text(value)
                except ValidationError as exc:
                    self.add_error(name, exc)
        return cleaned

    @property
    def trapped(self) -> bool:
        """A robot filled in the field people cannot see."""
        return bool(self.data.get(self.honeypot_field))


def _text(label, max_length, required=False, help_text="", long=False):
    widget = forms.Textarea(attrs={"rows": 5, "maxlength": max_length}) if long else None
    return forms.CharField(label=label, max_length=max_length, required=required, help_text=help_text,
                           widget=widget)


class MatterForm(PlainForm):
    """What report and complaint have in common: the matter and the respondent."""

    facts = _text(_("What happened"), 2000, required=True, long=True,
                  help_text=_("What was infringed, how, since when; up to 2,000 characters."))
    respondent_name = _text(_("Respondent (name of the company, shop or person)"), 150)
    respondent_address = _text(_("Respondent's address"), 200)
    shop_url = forms.URLField(label=_("Online shop or platform link"), max_length=500, required=False,
                              assume_scheme="https")
    right = _text(_("Right involved"), 100, help_text=_("Patent or registration number, or the trademark."))
    product = _text(_("Product"), 150)
    place = _text(_("Place where it happened"), 200)
    district = forms.ModelChoiceField(label=_("District or county"), required=False,
                                      queryset=District.objects.filter(parent_id=XIAN).order_by("code"))
    noticed_on = forms.DateField(label=_("Date noticed"), required=False,
                                 widget=forms.DateInput(attrs={"type": "date"}))
    consent = forms.BooleanField(
        label=_("I agree that the data I give is used to handle this matter, as described on the portal."),
        error_messages={"required": _("Please agree to the use of your data, or we cannot handle the matter.")})
    website = forms.CharField(required=False, max_length=200, label=_("Leave this field empty"))

    def clean_noticed_on(self):
        day = self.cleaned_data.get("noticed_on")
        if day and day > clocks.today():
            raise ValidationError(_("The date cannot be in the future."))
        if day and day < datetime.date(2000, 1, 1):
            raise ValidationError(_("Enter a date from 2000 on."))
        return day

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(f) for f in ("respondent_name", "respondent_address", "shop_url")):
            self.add_error("respondent_name", _("Name the respondent, or give their address or online shop link."))
        return cleaned


class ReportForm(MatterForm):
    kind = forms.ChoiceField(label=_("How do you report?"), widget=forms.RadioSelect, initial="anonymous",
                             choices=(("anonymous", _("Anonymously")), ("named", _("With my name"))))
    name = _text(_("Your name"), 50)
    phone = forms.CharField(label=_("Your phone"), max_length=20, required=False)

    field_order = ["kind", "name", "phone"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == "named":
            if not cleaned.get("name"):
                self.add_error("name", _("A named report needs your name."))
            if not (self.data.get("phone") or "").strip():
                self.add_error("phone", _("A named report needs your phone number."))
            elif "phone" not in self.errors:
                try:
                    cleaned["phone"] = clean_phone(cleaned.get("phone", ""))
                except ValidationError as exc:
                    self.add_error("phone", exc)
        else:  # anonymous: keep nothing that identifies the reporter
            cleaned["name"] = cleaned["phone"] = ""
        return cleaned


class ComplaintForm(MatterForm):
    complainant = forms.ChoiceField(label=_("Who complains?"), widget=forms.RadioSelect, initial="person",
                                    choices=(("person", _("A natural person")), ("enterprise", _("An enterprise"))))
    name = _text(_("Name (of the person or the enterprise)"), 100, required=True)
    id_number = forms.CharField(label=_("Resident ID number"), max_length=18, required=False,
                                help_text=_("For a natural person: 18 characters."))
    uscc = forms.CharField(label=_("Unified social credit code"), max_length=18, required=False,
                           help_text=_("For an enterprise: 18 characters."))
    phone = forms.CharField(label=_("Phone"), max_length=20)

    field_order = ["complainant", "name", "id_number", "uscc", "phone"]

    def clean_phone(self):
        return clean_phone(self.cleaned_data["phone"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("complainant") == "enterprise":
            cleaned["id_number"] = ""
            try:
                cleaned["uscc"] = codes.clean_uscc(cleaned.get("uscc", ""))
            except ValidationError as exc:
                self.add_error("uscc", exc)
        else:
            cleaned["uscc"] = ""
            if not cleaned.get("id_number"):
                self.add_error("id_number", _("A natural person gives their resident ID number."))
            else:
                try:
                    cleaned["id_number"] = codes.clean_id_number(cleaned["id_number"])
                except ValidationError as exc:
                    self.add_error("id_number", exc)
        return cleaned


class FollowForm(PlainForm):
    number = forms.CharField(label=_("Tracking number"), max_length=60)
    code = forms.CharField(label=_("Check code"), max_length=20, widget=forms.TextInput(attrs={
        "autocomplete": "off", "autocapitalize": "characters"}))

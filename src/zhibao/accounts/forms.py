"""Forms of the account administration pages. They check what a field alone can tell;
the rules that involve several fields live in services.py and come back as form errors."""
from django import forms
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from zhibao.registry import validation
from zhibao.registry.codes import clean_uscc
from zhibao.registry.models import MarketEntity, Organization

from .models import User
from .roles import Role, Scope
from .services import MAX_TOKEN_DAYS


class OrganizationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.district}）" if obj.district_id else obj.name


class UserFieldsForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=100, validators=[validation.plain_text])
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    scope = forms.ChoiceField(
        label=_("Data scope"), choices=Scope.choices,
        help_text=_("Which records the user sees: those of their own organization, of its district, or of the "
                    "whole city. Enterprise users always see only their own enterprise's records."))
    organization = OrganizationChoiceField(
        label=_("Organization"), required=False, queryset=Organization.objects.none(),
        help_text=_("Required for every role except enterprise user."))
    entity = forms.CharField(
        label=_("Enterprise (unified social credit code)"), required=False, max_length=40,
        help_text=_("Only for enterprise users: the 18-character code of the enterprise they act for."))
    phone = forms.CharField(label=_("Phone"), required=False, max_length=20, validators=[validation.phone])
    email = forms.EmailField(label=_("Email"), required=False)

    def __init__(self, *args, current_organization_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Active organizations, and the one the user already has even if it was deactivated since.
        orgs = Organization.objects.filter(is_active=True)
        if current_organization_id:
            orgs = orgs | Organization.objects.filter(pk=current_organization_id)
        self.fields["organization"].queryset = orgs.select_related("district").order_by("name")

    def clean_entity(self):
        raw = (self.cleaned_data.get("entity") or "").strip()
        if not raw:
            return None
        code = clean_uscc(raw)
        entity = MarketEntity.objects.filter(uscc=code).first()
        if entity is None:
            raise ValidationError(_("No market entity with the unified social credit code %(code)s is registered. "
                                    "Register the enterprise first."), params={"code": code})
        return entity

    def service_values(self) -> dict:
        data = self.cleaned_data
        return {k: data[k] for k in ("full_name", "role", "scope", "organization", "entity", "phone", "email")}


class UserCreateForm(UserFieldsForm):
    field_order = ["username", "full_name", "role", "scope", "organization", "entity", "phone", "email",
                   "password1", "password2"]

    username = forms.CharField(
        label=_("User name"), max_length=150, validators=[UnicodeUsernameValidator()],
        help_text=_("Used to sign in; cannot be changed later. Letters, digits and @ . + - _ only."))
    password1 = forms.CharField(
        label=_("Initial password"), required=False, strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_("Leave both password fields empty to generate a password, which is shown once."))
    password2 = forms.CharField(
        label=_("Initial password again"), required=False, strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}))

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1") or "", data.get("password2") or ""
        if (p1 or p2) and p1 != p2:
            self.add_error("password2", _("The two passwords differ; type the same password twice."))
        return data


class UserEditForm(UserFieldsForm):
    fingerprint = forms.CharField(widget=forms.HiddenInput, required=False)


class PasswordForm(forms.Form):
    password1 = forms.CharField(
        label=_("New password"), required=False, strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_("Leave both fields empty to generate a password, which is shown once."))
    password2 = forms.CharField(
        label=_("New password again"), required=False, strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}))

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1") or "", data.get("password2") or ""
        if (p1 or p2) and p1 != p2:
            self.add_error("password2", _("The two passwords differ; type the same password twice."))
        return data


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.username} · {obj.full_name}" if obj.full_name else obj.username


class TokenForm(forms.Form):
    user = UserChoiceField(label=_("User"), queryset=User.objects.filter(is_active=True).order_by("username"),
                           error_messages={"invalid_choice": _("Choose an active user from the list.")})
    name = forms.CharField(label=_("Name"), required=False, max_length=100, validators=[validation.plain_text],
                           help_text=_("What the token is for, e.g. the system that uses it."))
    expires_days = forms.IntegerField(
        label=_("Expires after (days)"), required=False, min_value=1, max_value=MAX_TOKEN_DAYS,
        help_text=_("Leave empty for a token that does not expire."))

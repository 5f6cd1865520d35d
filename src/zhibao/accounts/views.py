"""User, role, scope and API-token administration pages. Thin: the rules are in services.py."""
from functools import wraps

from auditlog.models import LogEntry
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from zhibao.audit import entries
from zhibao.core.lists import Column, ListPage

from . import services
from .filters import TokenFilter, UserFilter
from .forms import PasswordForm, TokenForm, UserCreateForm, UserEditForm
from .models import APIToken, User
from .roles import Perm, Role


def needs(perm):
    """Anonymous users go to the sign-in page; users without `perm` get 403."""
    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.has_perm(perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)
        return wrapped
    return decorate


def _form_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form fields it names (the rest on the form)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _secret(request, template, context):
    response = render(request, template, context)
    add_never_cache_headers(response)  # a password or key shown once must not stay in a cache
    return response


# -- users ---------------------------------------------------------------------------

def _yes_no_active(user):
    return _("Active") if user.is_active else _("Deactivated")


def _locked_cell(user):
    return _("Locked") if getattr(user, "recent_failures", 0) >= services._failure_limit() else ""


class UserList(ListPage):
    model = User
    filterset_class = UserFilter
    perm = Perm.ACCOUNTS_MANAGE
    export_perm = Perm.ACCOUNTS_MANAGE
    create_url = "accounts:user_create"
    create_perm = Perm.ACCOUNTS_MANAGE
    title = gettext_lazy("Users")
    default_sort = "username"
    columns = (
        Column("username", gettext_lazy("User name"), sort="username"),
        Column("full_name", gettext_lazy("Full name"), sort="full_name"),
        Column("role", gettext_lazy("Role"), sort="role"),
        Column("scope", gettext_lazy("Data scope"), sort="scope"),
        Column("organization__name", gettext_lazy("Organization"), sort="organization__name"),
        Column("entity__name", gettext_lazy("Enterprise")),
        Column("is_active", gettext_lazy("Status"), sort="is_active", value=_yes_no_active),
        Column("recent_failures", gettext_lazy("Sign-in"), value=_locked_cell),
        Column("last_login", gettext_lazy("Last sign-in"), sort="last_login"),
    )

    def base_queryset(self):
        qs = User.objects.select_related("organization", "entity").annotate(
            recent_failures=services.recent_failures())
        return qs


@needs(Perm.ACCOUNTS_MANAGE)
@require_http_methods(["GET", "POST"])
def user_create(request):
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user, generated = services.create_user(
                by=request.user, username=form.cleaned_data["username"],
                password=form.cleaned_data.get("password1") or None, **form.service_values())
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("User “%(name)s” was created.") % {"name": user.username})
            if generated:
                return _secret(request, "accounts/password_shown.html", {"target": user, "password": generated})
            return redirect("accounts:user_detail", user.pk)
    return render(request, "accounts/user_form.html", {"form": form, "title": _("New user")})


@needs(Perm.ACCOUNTS_MANAGE)
def user_detail(request, pk):
    user = get_object_or_404(User.objects.select_related("organization__district", "entity"), pk=pk)
    history = []
    if request.user.has_perm(Perm.AUDIT_VIEW):
        ct = ContentType.objects.get_for_model(User)
        recent = (LogEntry.objects.filter(content_type=ct, object_pk=str(user.pk))
                  .select_related("actor", "content_type").order_by("-timestamp", "-pk")[:10])
        history = [(e, entries.summary(e)) for e in recent]
    return render(request, "accounts/user_detail.html", {
        "target": user,
        "lock": services.lock_status(user.username),
        "tokens": user.api_tokens.select_related("created_by").order_by("-created")[:20],
        "history": history,
        "user_ct": ContentType.objects.get_for_model(User).pk,
        "scopes": services.scope_labels(user.role),
    })


@needs(Perm.ACCOUNTS_MANAGE)
@require_http_methods(["GET", "POST"])
def user_edit(request, pk):
    user = get_object_or_404(User.objects.select_related("entity"), pk=pk)
    initial = {
        "full_name": user.full_name, "role": user.role, "scope": user.scope,
        "organization": user.organization_id, "entity": user.entity.uscc if user.entity_id else "",
        "phone": user.phone, "email": user.email, "fingerprint": services.fingerprint(user),
    }
    form = UserEditForm(request.POST or None, initial=initial, current_organization_id=user.organization_id)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_user(user, by=request.user, expected=form.cleaned_data["fingerprint"] or None,
                                 **form.service_values())
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("User “%(name)s” was saved.") % {"name": user.username})
            return redirect("accounts:user_detail", user.pk)
    return render(request, "accounts/user_form.html", {
        "form": form, "target": user, "title": _("Edit user %(name)s") % {"name": user.username}})


@needs(Perm.ACCOUNTS_MANAGE)
@require_http_methods(["GET", "POST"])
def user_active(request, pk):
    """GET: confirm; POST: deactivate or reactivate (the opposite of the current state)."""
    user = get_object_or_404(User, pk=pk)
    error = None
    if request.method == "POST":
        wanted = request.POST.get("active")
        if wanted not in ("0", "1"):
            error = _("The form was incomplete; nothing was changed. Please try again.")
        else:
            try:
                services.set_active(user, wanted == "1", by=request.user)
            except ValidationError as exc:
                error = " ".join(exc.messages)
            else:
                if wanted == "1":
                    messages.success(request, _("User “%(name)s” was reactivated.") % {"name": user.username})
                else:
                    messages.success(request, _("User “%(name)s” was deactivated; their API tokens were revoked.")
                                     % {"name": user.username})
                return redirect("accounts:user_detail", user.pk)
    active_tokens = user.api_tokens.filter(revoked__isnull=True).count()
    return render(request, "accounts/user_active.html", {"target": user, "error": error,
                                                         "active_tokens": active_tokens},
                  status=400 if error else 200)


@needs(Perm.ACCOUNTS_MANAGE)
@require_http_methods(["GET", "POST"])
def user_password(request, pk):
    user = get_object_or_404(User, pk=pk)
    form = PasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            generated = services.set_password(user, by=request.user,
                                              password=form.cleaned_data.get("password1") or None)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The password of “%(name)s” was reset; their open sessions have ended.")
                             % {"name": user.username})
            if generated:
                return _secret(request, "accounts/password_shown.html", {"target": user, "password": generated})
            return redirect("accounts:user_detail", user.pk)
    return render(request, "accounts/password_form.html", {"form": form, "target": user})


@needs(Perm.ACCOUNTS_MANAGE)
@require_POST
def user_unlock(request, pk):
    user = get_object_or_404(User, pk=pk)
    if services.unlock(user, by=request.user):
        messages.success(request, _("Sign-in for “%(name)s” was unlocked and the failed attempts cleared.")
                         % {"name": user.username})
    else:
        messages.info(request, _("“%(name)s” had no failed sign-in attempts to clear.") % {"name": user.username})
    return redirect("accounts:user_detail", user.pk)


# -- API tokens ----------------------------------------------------------------------

def _token_state(token):
    if token.revoked:
        return _("Revoked")
    if token.expires and token.expires <= timezone.now():
        return _("Expired")
    return _("Active")


class TokenList(ListPage):
    model = APIToken
    filterset_class = TokenFilter
    perm = Perm.TOKEN_MANAGE
    export_perm = Perm.TOKEN_MANAGE
    create_url = "accounts:token_issue"
    create_perm = Perm.TOKEN_MANAGE
    title = gettext_lazy("API tokens")
    default_sort = "-created"
    columns = (
        Column("hint", gettext_lazy("Key starts with")),
        Column("name", gettext_lazy("Name"), sort="name"),
        Column("user__username", gettext_lazy("User"), sort="user__username"),
        Column("created", gettext_lazy("Created"), sort="created"),
        Column("last_used", gettext_lazy("Last used"), sort="last_used"),
        Column("expires", gettext_lazy("Expires"), sort="expires"),
        Column("revoked", gettext_lazy("Status"), value=_token_state),
    )

    def base_queryset(self):
        return APIToken.objects.select_related("user")


@needs(Perm.TOKEN_MANAGE)
@require_http_methods(["GET", "POST"])
def token_issue(request):
    initial = {}
    if request.method == "GET" and str(request.GET.get("user", "")).isdigit():
        initial["user"] = int(request.GET["user"])
    form = TokenForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            token, key = services.issue_token(form.cleaned_data["user"], by=request.user,
                                              name=form.cleaned_data["name"],
                                              expires_days=form.cleaned_data["expires_days"])
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            return _secret(request, "accounts/token_issued.html", {"token": token, "key": key})
    return render(request, "accounts/token_form.html", {"form": form})


@needs(Perm.TOKEN_MANAGE)
@require_http_methods(["GET", "POST"])
def token_detail(request, pk):
    """A token's record; POST revokes it."""
    token = get_object_or_404(APIToken.objects.select_related("user", "created_by"), pk=pk)
    if request.method == "POST":
        if services.revoke_token(token, by=request.user):
            messages.success(request, _("Token %(hint)s… was revoked; it no longer signs anyone in.")
                             % {"hint": token.hint})
        else:
            messages.info(request, _("Token %(hint)s… was already revoked.") % {"hint": token.hint})
        return redirect("accounts:token_detail", token.pk)
    return render(request, "accounts/token_detail.html", {"token": token, "state": _token_state(token),
                                                          "is_admin_role": token.user.role == Role.ADMIN})

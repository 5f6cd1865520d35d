"""Who is calling: a bearer token (scripts, other systems) or a signed-in browser session.

`BearerTokenMiddleware` (accounts) has already checked the token and signed the request
in as its user, so pages, API and audit see the same user. Here we only decide:
- a request carrying `Authorization: Bearer …` is answered 401 with the reason when the
  token is not valid (unknown, expired, revoked, account disabled): it never falls back
  to a session or to anonymous;
- any other Authorization scheme is refused (401);
- without an Authorization header, a signed-in session is accepted, with Django's CSRF
  check on unsafe methods (the docs page sends the token).
"""
from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _
from ninja.security import HttpBearer
from ninja.security.apikey import APIKeyCookie
from ninja.utils import check_csrf

from zhibao.accounts.models import APIToken

from .errors import ApiError


def _rejected(detail: str) -> ApiError:
    return ApiError(401, detail)


def token_problem(key: str) -> str:
    """Why a key that did not authenticate was refused, in words its holder can act on."""
    token = None
    if key and key.startswith(APIToken.PREFIX) and len(key) <= 100:
        token = APIToken.objects.select_related("user").filter(key_hash=APIToken.digest(key)).first()
    if token is None:
        return _("This API token is not valid. Check that the whole key was sent after “Bearer ”.")
    if token.revoked is not None:
        return _("This API token was revoked on %(date)s; ask an administrator for a new one.") % {
            "date": formats.date_format(token.revoked, "Y-m-d")}
    if token.expires is not None and not token.is_active:
        return _("This API token expired on %(date)s; ask an administrator for a new one.") % {
            "date": formats.date_format(token.expires, "Y-m-d")}
    return _("The account this API token belongs to is disabled.")


class _PermissionMixin:
    """After authenticating, require the operation's permissions (before the input is read)."""

    def __init__(self, perms: tuple[str, ...] = (), denied=None):
        self.perms = tuple(p for p in perms if p)
        self.denied = denied
        super().__init__()

    def check(self, user):
        if user is not None and not all(user.has_perm(perm) for perm in self.perms):
            raise ApiError(403, self.denied() if self.denied else _("You do not have permission to do this."))
        return user


class BearerAuth(_PermissionMixin, HttpBearer):
    """`Authorization: Bearer <token>`; tokens are issued by an administrator."""

    def __call__(self, request):
        header = request.headers.get("Authorization")
        if not header:
            return None
        scheme, _sep, key = header.strip().partition(" ")
        if scheme.lower() != "bearer":
            raise _rejected(_("Unsupported authorization scheme: send “Authorization: Bearer <token>”."))
        return self.check(self.authenticate(request, key.strip()))

    def authenticate(self, request, token):
        checked = getattr(request, "bearer_authenticated", None)
        if checked is None:  # the middleware did not run (a request built by hand)
            user = APIToken.authenticate(token)
            if user is not None:
                request.user = user
                request._dont_enforce_csrf_checks = True
            checked = user is not None
        if not checked:
            raise _rejected(token_problem(token))
        return request.user


class SessionAuth(_PermissionMixin, APIKeyCookie):
    """A signed-in browser session (the docs page); unsafe methods need the CSRF token."""

    param_name = settings.SESSION_COOKIE_NAME
    csrf = True

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if check_csrf(request) is not None:
            raise ApiError(403, _("CSRF check failed: a signed-in browser must send the X-CSRFToken header. "
                                  "Scripts should use a bearer token instead."))
        return self.check(user)

    def authenticate(self, request, key):  # required by the base class; __call__ does the work
        return request.user if request.user.is_authenticated else None


def permission_auth(perms: tuple[str, ...] = (), denied=None) -> list:
    """The `auth=` of an operation: a token or a session, holding every one of `perms`.
    `denied` is a callable giving the translated 403 message."""
    return [BearerAuth(perms, denied), SessionAuth(perms, denied)]


AUTH = permission_auth()

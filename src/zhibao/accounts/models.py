"""Users with a role, an organization and a data scope; hashed API tokens."""
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .roles import Role, Scope


class User(AbstractUser):
    full_name = models.CharField(_("full name"), max_length=100, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.IP_OFFICER)
    scope = models.CharField(_("data scope"), max_length=20, choices=Scope.choices, default=Scope.ORGANIZATION)
    organization = models.ForeignKey(
        "registry.Organization", verbose_name=_("organization"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="users",
    )
    entity = models.ForeignKey(
        "registry.MarketEntity", verbose_name=_("enterprise"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="users",
        help_text=_("For enterprise users: the market entity they act for."),
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.full_name or self.username

    def get_absolute_url(self):
        return reverse("accounts:user_detail", args=[self.pk])

    @property
    def district_id(self):
        return self.organization.district_id if self.organization_id else None


class APIToken(models.Model):
    """A bearer token. Only its SHA-256 is stored; the key is shown once, when issued."""

    PREFIX = "zb_"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100, blank=True)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(_("key starts with"), max_length=12, editable=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    expires = models.DateTimeField(_("expires"), null=True, blank=True)
    last_used = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created"]

    def __str__(self):
        return f"{self.hint}… ({self.user})"

    def get_absolute_url(self):
        return reverse("accounts:token_detail", args=[self.pk])

    @staticmethod
    def digest(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(cls, user, name: str = "", created_by=None, expires=None) -> tuple["APIToken", str]:
        key = cls.PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user, name=name, key_hash=cls.digest(key), hint=key[:10],
            created_by=created_by, expires=expires,
        )
        return token, key

    @classmethod
    def authenticate(cls, key: str):
        """The active user a key belongs to, or None."""
        if not key or not key.startswith(cls.PREFIX) or len(key) > 100:
            return None
        token = cls.objects.select_related("user").filter(key_hash=cls.digest(key)).first()
        if token is None or not token.is_active or not token.user.is_active:
            return None
        now = timezone.now()
        if token.last_used is None or (now - token.last_used).total_seconds() > 60:
            cls.objects.filter(pk=token.pk).update(last_used=now)
        return token.user

    @property
    def is_active(self) -> bool:
        return self.revoked is None and (self.expires is None or self.expires > timezone.now())

"""`zhibao token USERNAME [--name N] [--expires-days D]`: issue an API token, print only its key.

So that `TOKEN=$(zhibao token admin)` works, stdout carries the key and nothing else;
errors go to stderr with exit code 1.
"""
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from zhibao.accounts import services
from zhibao.accounts.models import User
from zhibao.core import request_id


class Command(BaseCommand):
    help = "Issue an API token for a user and print its key (shown only once; only its hash is stored)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="What the token is for.")
        parser.add_argument("--expires-days", type=int, default=None, dest="expires_days",
                            help=f"Days until the token expires (1 to {services.MAX_TOKEN_DAYS}); "
                                 "default: it does not expire.")

    def handle(self, *args, username, name, expires_days, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(_("No user is named “%(name)s”.") % {"name": username})
        if not user.is_active:
            raise CommandError(_("“%(name)s” is deactivated; a deactivated user cannot be given a token.")
                               % {"name": username})
        with request_id.bind():
            try:
                token, key = services.issue_token(user, name=name or "zhibao token", expires_days=expires_days)
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from None
        self.stdout.write(key)

"""Record full views of personal data (pages, API and exports call this, nothing else)."""
from django.utils.translation import gettext as _

from zhibao.core import request_id

from .models import PersonalDataView


def log_full_view(user, persons, channel: str, fields=("name", "id_number", "phone", "address")) -> None:
    """Write one row per person shown unmasked. `persons` is an iterable of Person."""
    rid = request_id.current() or ""
    PersonalDataView.objects.bulk_create(
        PersonalDataView(
            user=user, username=user.get_username(), person_id=p.pk, person_label=_mask_label(p.name),
            fields=",".join(fields), channel=channel, request_id=rid,
        )
        for p in persons
    )


def _mask_label(name: str) -> str:
    # The log is read by administrators; a full name is not needed to find the person again.
    return (name[:1] + "*" * (len(name) - 1)) if name else _("(no name)")

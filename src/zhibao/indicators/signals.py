"""Keep the high-value patents (highvalue.py) in step when a patent, its holders, its facts or
the concordance are saved one by one, and the monthly case summary (casemonths.py) when a
case or its trial clock is, and the served-enterprise summary (served.py) when a case, a party,
a service record, a recipient or a pre-examination request is. Bulk writes (imports) send no signals: the snapshot job and
`zhibao indicators refresh` recompute everything."""
from collections import Counter

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from zhibao.cases.models import Case, Clock, Party
from zhibao.registry.choices import RightKind
from zhibao.registry.models import IPRight, RightHolder
from zhibao.services.models import PreexamRequest, ServiceRecipient, ServiceRecord

from . import casemonths, served
from .models import PatentFact, StrategicClass


def _refresh_later(right_id: int) -> None:
    from . import highvalue

    transaction.on_commit(lambda: highvalue.refresh([right_id]))


@receiver([post_save, post_delete], sender=PatentFact, dispatch_uid="indicators.fact")
@receiver([post_save, post_delete], sender=RightHolder, dispatch_uid="indicators.holder")
def _right_part_changed(sender, instance, **kwargs):
    if sender is PatentFact or IPRight.objects.filter(pk=instance.right_id, kind=RightKind.INVENTION).exists():
        _refresh_later(instance.right_id)


@receiver(post_save, sender=IPRight, dispatch_uid="indicators.right")
def _right_saved(sender, instance, raw=False, **kwargs):
    if not raw and instance.kind == RightKind.INVENTION:
        _refresh_later(instance.pk)


@receiver([post_save, post_delete], sender=StrategicClass, dispatch_uid="indicators.concordance")
def _concordance_changed(sender, **kwargs):
    from .tasks import refresh_high_value

    transaction.on_commit(refresh_high_value.enqueue)


@receiver(pre_save, sender=Case, dispatch_uid="indicators.case_before")
@receiver(pre_save, sender=Clock, dispatch_uid="indicators.clock_before")
def _case_before(sender, instance, **kwargs):
    if sender is Clock and instance.code != casemonths.TRIAL_CLOCK:
        return
    case_id = instance.pk if sender is Case else instance.case_id
    instance._counted = casemonths.stored(case_id) if case_id else []


@receiver(post_save, sender=Case, dispatch_uid="indicators.case_after")
@receiver(post_save, sender=Clock, dispatch_uid="indicators.clock_after")
def _case_after(sender, instance, **kwargs):
    if hasattr(instance, "_counted"):
        casemonths.move(instance.__dict__.pop("_counted"),
                        casemonths.stored(instance.pk if sender is Case else instance.case_id))


@receiver(pre_delete, sender=Case, dispatch_uid="indicators.case_deleted")
def _case_deleted(sender, instance, **kwargs):
    casemonths.move(casemonths.stored(instance.pk), [])


# what each saved model belongs to in served.py: (source, the unit's primary key)
SERVED_UNITS = {Case: ("case", "pk"), Party: ("case", "case_id"), ServiceRecord: ("record", "pk"),
                ServiceRecipient: ("record", "record_id"), PreexamRequest: ("request", "pk")}


def _served_before(sender, instance, **kwargs):
    source, field = SERVED_UNITS[sender]
    instance._served = served.unit(source, getattr(instance, field))


def _served_after(sender, instance, **kwargs):
    if hasattr(instance, "_served"):
        source, field = SERVED_UNITS[sender]
        served.move(instance.__dict__.pop("_served"), served.unit(source, getattr(instance, field)))


def _served_deleted(sender, instance, **kwargs):
    """A party, recipient or request takes its own row off (a case or record deleted cascades to them)."""
    served.move(served.stored(SERVED_UNITS[sender][0], pk=instance.pk), Counter())


for _model in SERVED_UNITS:
    pre_save.connect(_served_before, sender=_model, dispatch_uid=f"indicators.served_before.{_model.__name__}")
    post_save.connect(_served_after, sender=_model, dispatch_uid=f"indicators.served_after.{_model.__name__}")
for _model in (Party, ServiceRecipient, PreexamRequest):
    pre_delete.connect(_served_deleted, sender=_model, dispatch_uid=f"indicators.served_deleted.{_model.__name__}")

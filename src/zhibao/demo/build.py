"""Load (and remove) the demo data: the steps behind `zhibao demo`.

A load runs in one transaction: it either completes or leaves the database as it was.
It records itself as a `DemoRun` with the primary keys it created, so that `reset`
deletes exactly those rows, and writes one audit-log entry summarizing the load instead
of one entry per row.
"""
from datetime import date
from importlib import import_module

from auditlog.context import disable_auditlog
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from zhibao.accounts.models import User
from zhibao.registry.models import (
    DevelopmentZone, District, GIAuthorization, IPRight, MarketEntity, Organization, Person, PopulationRecord,
    RightHolder,
)

from .accounts import DEMO_ACCOUNTS, create_demo_accounts
from .context import SCALES, Run
from .entities import load_entities
from .models import DemoRun
from .people import load_persons
from .reference import load_reference
from .rights import load_rights
from .writer import Writer, without_query_log

# The date the demo data describes: statuses (pending, valid, expired) are as of this day.
# Fixed, so that the same seed gives the same data on any day.
DEFAULT_AS_OF = date(2026, 10, 31)

# Deletion order for reset: rows that point to others go first.
DEMO_MODELS = (User, GIAuthorization, RightHolder, IPRight, Person, MarketEntity, Organization, PopulationRecord,
               DevelopmentZone, District)

# Other apps' demo generators, run after the registry and the demo accounts, in this order.
# Each module has `generate(rng, scale, *, as_of, writer, say)`, writing through the run's
# writer so that its rows are recorded, and `DEMO_MODELS`, its deletion order for a reset.
# Cases first: the services generator draws experts for the demo's adjudication cases.
# Indicators last: its snapshots count what the others wrote.
CONTRIBUTORS = ("zhibao.cases.demo", "zhibao.services.demo", "zhibao.collaboration.demo", "zhibao.indicators.demo")


# Apps whose rows may point to demo rows without blocking a reset (the audit log keeps its
# entries; sign-in records go with the accounts).
IGNORED_APPS = frozenset({"auditlog", "axes", "sessions", "admin"})


class DemoError(Exception):
    """A load or reset that must not go ahead; the message says why and what to do."""


def has_registry_data() -> bool:
    return District.objects.exists()


def load(scale: str, seed: int, say, as_of: date = DEFAULT_AS_OF, batch_size: int = 5000,
         contributors: tuple[str, ...] = ()) -> DemoRun:
    """Generate the demo city, then the data of the `contributors` (module paths, see
    CONTRIBUTORS). The database must hold no divisions yet."""
    writer = Writer(say, batch_size)
    started = timezone.now()
    run = Run(scale=SCALES[scale], seed=seed, as_of=as_of, writer=writer)
    with transaction.atomic(), disable_auditlog(), without_query_log():
        if has_registry_data():
            raise DemoError(_("The database already holds divisions; the demo data is loaded only into an "
                              "empty registry."))
        run.ref = load_reference(writer)
        pool = load_entities(run)
        persons = load_persons(run)
        load_rights(run, pool, persons)
        create_demo_accounts(writer)
        return _contribute(run, contributors, started, _("Demo data loaded"))


def add(scale: str, seed: int, say, contributors: tuple[str, ...], as_of: date = DEFAULT_AS_OF,
        batch_size: int = 5000) -> DemoRun:
    """Run the `contributors` alone on a demo already loaded (`zhibao demo --only cases`), e.g. to
    add a million cases to a benchmark database without loading its registry again. Recorded as
    a run of its own, so that a reset removes these rows too."""
    writer = Writer(say, batch_size)
    started = timezone.now()
    run = Run(scale=SCALES[scale], seed=seed, as_of=as_of, writer=writer)
    with transaction.atomic(), disable_auditlog(), without_query_log():
        if not DemoRun.objects.exists():
            raise DemoError(_("Load the demo first: --only adds to a loaded demo."))
        return _contribute(run, contributors, started, _("Demo data added"))


def contributed(path: str) -> bool:
    """Whether an earlier run already wrote rows of this contributor."""
    labels = {model._meta.label for model in import_module(path).DEMO_MODELS}
    return any(labels & set(counts) for counts in DemoRun.objects.values_list("counts", flat=True))


def _contribute(run: Run, contributors: tuple[str, ...], started, note: str) -> DemoRun:
    writer = run.writer
    for path in contributors:
        import_module(path).generate(run.rng, run.scale.name, as_of=run.as_of, writer=writer, say=writer.say)
    counts = {label: n for label, n in sorted(writer.counts.items())}
    record = DemoRun.objects.create(
        scale=run.scale.name, seed=run.seed, as_of=run.as_of, started=started, finished=timezone.now(),
        seconds=round(writer.elapsed(), 2), counts=counts, created_rows=writer.created,
    )
    _audit_note(run.ref.city if run.ref else None, note, record)
    return record


def reset(say) -> int:
    """Delete the rows that earlier demo loads created. Refuses (DemoError) when records of
    other apps, or rows created by users, still point to them."""
    runs = list(DemoRun.objects.order_by("-started"))
    if not runs:
        return 0
    models = _deletion_order()
    with transaction.atomic(), disable_auditlog(), without_query_log():
        targets = _targets(runs, models)
        _add_derived(targets)
        blockers = _blockers(targets, models)
        if blockers:
            raise DemoError(_("Other records refer to the demo data, so it was not deleted: %(list)s. "
                              "Delete them first, or load the demo into a fresh database.")
                            % {"list": "; ".join(blockers)})
        deleted = 0
        users = targets.pop(User._meta.label, None)
        for model in models:
            if model is User and users is not None:
                # after the contributors' rows (their cases are assigned to accounts), through the ORM:
                # it clears or cascades what else points to an account (tokens, log actors)
                try:
                    n, _by_model = User.objects.filter(pk__in=User.objects.extra(where=[users[0]], params=users[1])
                                                       .values("pk")).delete()
                except ProtectedError as exc:
                    raise DemoError(_("Other records refer to the demo accounts, so the demo data was not deleted: "
                                      "%(list)s.") % {"list": ", ".join(sorted({str(o._meta.verbose_name_plural)
                                                                                 for o in exc.protected_objects}))}
                                    ) from None
                deleted += n
                continue
            condition = targets.get(model._meta.label)
            if condition is None:
                continue
            table = connection.ops.quote_name(model._meta.db_table)
            sql, params = condition
            with connection.cursor() as cursor:
                for self_ref in (f.column for f in model._meta.concrete_fields
                                 if f.is_relation and f.related_model is model):
                    cursor.execute(f"UPDATE {table} SET {connection.ops.quote_name(self_ref)} = NULL WHERE {sql}",
                                   params)
                cursor.execute(f"DELETE FROM {table} WHERE {sql}", params)
                count = cursor.rowcount
            deleted += count
            say(_("  deleted %(n)s %(what)s") % {"n": f"{count:,}", "what": model._meta.verbose_name_plural})
        DemoRun.objects.filter(pk__in=[r.pk for r in runs]).delete()
        _audit_note(None, _("Demo data deleted"), None, deleted=deleted)
    return deleted


def _contributors() -> list:
    out = []
    for path in CONTRIBUTORS:
        try:
            out.append(import_module(path))
        except ImportError:  # app not installed
            continue
    return out


def _deletion_order() -> list:
    """Rows derived from demo rows first, then the contributors' models (theirs point to the
    registry), then the registry's."""
    models = [model for module in _contributors() for model, _field, _parent in getattr(module, "DERIVED", ())]
    for module in _contributors():
        models.extend(model for model in module.DEMO_MODELS if model not in models)
    return models + [model for model in DEMO_MODELS if model not in models]


def _add_derived(targets: dict) -> None:
    """Rows that Zhibao itself derives from demo rows after the load (a contributor's DERIVED:
    reminders sent for demo cases, ...) go with them: matched through their link to the parent."""
    for module in _contributors():
        for model, field, parent in getattr(module, "DERIVED", ()):
            condition = targets.get(parent._meta.label)
            if condition is None:
                continue
            column = connection.ops.quote_name(model._meta.get_field(field).column)
            parent_pk = connection.ops.quote_name(parent._meta.pk.column)
            parent_table = connection.ops.quote_name(parent._meta.db_table)
            targets[model._meta.label] = (f"{column} IN (SELECT {parent_pk} FROM {parent_table} WHERE {condition[0]})",
                                          list(condition[1]))


def _targets(runs, models) -> dict[str, tuple[str, list]]:
    """Per model label: an SQL condition (with params) matching the rows the runs created."""
    targets: dict[str, tuple[str, list]] = {}
    for model in models:
        label = model._meta.label
        pk = connection.ops.quote_name(model._meta.pk.column)
        parts, params = [], []
        for run in runs:
            created = run.created_rows.get(label)
            if not created:
                continue
            if "pks" in created:
                if created["pks"]:
                    parts.append(f"{pk} IN ({', '.join(['%s'] * len(created['pks']))})")
                    params.extend(created["pks"])
            else:
                parts.append(f"{pk} BETWEEN %s AND %s")
                params.extend([created["min"], created["max"]])
        if label == User._meta.label:  # the demo accounts, even if a run did not record them
            parts.append(f"{connection.ops.quote_name('username')} IN ({', '.join(['%s'] * len(DEMO_ACCOUNTS))})")
            params.extend(a.username for a in DEMO_ACCOUNTS)
        if parts:
            targets[label] = (" OR ".join(f"({p})" for p in parts), params)
    return targets


def _blockers(targets, models) -> list[str]:
    """Rows outside the demo data that point to it (these would break or be lost by the delete)."""
    blockers = []
    tables = set(connection.introspection.table_names())
    for model in models:
        condition = targets.get(model._meta.label)
        if condition is None or model is User:  # accounts are deleted through the ORM, which checks
            continue
        demo_rows = model._base_manager.extra(where=[condition[0]], params=condition[1]).values("pk")
        for relation in model._meta.related_objects:
            related = relation.related_model
            if relation.many_to_many or not relation.field.concrete:
                continue
            if related._meta.app_label in IGNORED_APPS or related._meta.db_table not in tables:
                continue  # (a table not created yet cannot point to anything)
            referring = related._base_manager.filter(**{f"{relation.field.name}__in": demo_rows})
            own = targets.get(related._meta.label)
            if own is not None:
                referring = referring.exclude(pk__in=related._base_manager.extra(where=[own[0]], params=own[1])
                                              .values("pk"))
            count = referring.count()
            if count:
                blockers.append(f"{count} {related._meta.verbose_name_plural} ({related._meta.label})")
    return blockers


def _audit_note(obj, message: str, record: DemoRun | None, **extra) -> None:
    """One django-auditlog entry for the whole load or reset, attached to 西安市 when it exists."""
    target = obj or District.objects.filter(code="610100").first()
    content_type = ContentType.objects.get_for_model(District if target is not None else DemoRun)
    data = {"demo": {**extra}}
    if record is not None:
        data["demo"].update(scale=record.scale, seed=record.seed, as_of=record.as_of.isoformat(),
                            seconds=record.seconds, counts=record.counts)
    LogEntry.objects.create(
        content_type=content_type, object_pk=str(target.pk) if target else "0", object_id=None,
        object_repr=str(target) if target else "demo", action=LogEntry.Action.CREATE,
        changes_text=message, changes={}, additional_data=data,
    )

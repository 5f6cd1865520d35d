"""Background jobs: start work for a user, run it in the worker, report progress, cancel it.

    job = jobs.start(user, "import", title, params)     # a Job row + a django-tasks task
    # the worker (or the ImmediateBackend in tests) calls execute(job.pk), which calls the
    # runner registered for the job's kind: runner(job, progress) -> result dict

A runner reports with `progress.phase(...)`, `progress.advance(n)` and calls
`progress.check()` between batches (it raises Cancelled when the user pressed cancel).
It wraps its writes in `with progress.atomic():` — one transaction — so that a cancel or
an error rolls everything back. Raising JobFailed(message, result) ends the job as failed
with a message for the user; any other exception is logged with its traceback and the
user sees a generic message with a reference.

Progress while the runner's transaction is open
-----------------------------------------------
The job row must keep moving while the runner holds a long write transaction, and the
user's cancel must still reach the runner:

* PostgreSQL (and other server databases): progress and the cancel flag go through a
  second connection in autocommit mode, so they are committed, and seen by the page,
  immediately. The runner's transaction never touches the job row, so the two never wait
  on each other.
* SQLite allows one writer at a time: while the runner's transaction is open no other
  connection can write at all, neither ours nor the page's. During that window the
  runner writes its progress to a small file next to the database (VAR_DIR/jobs/), which
  the page reads (WAL readers are never blocked), and the cancel button leaves a marker
  file there that the runner checks. Outside the transaction progress goes to the row.
* Inside an outer transaction (the ImmediateBackend called from a test) everything goes
  through the one connection and savepoints.
"""
from __future__ import annotations

import json
import logging
import os
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, OperationalError, connection, connections, transaction
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import request_id
from .models import Job

logger = logging.getLogger("zhibao.jobs")

# What a job may be doing; runners name one of these in progress.phase().
PHASES = {
    "queued": gettext_lazy("Waiting for the worker"),
    "read": gettext_lazy("Reading the file"),
    "check": gettext_lazy("Checking rows"),
    "write": gettext_lazy("Writing"),
    "finish": gettext_lazy("Finishing"),
}

# A running job that has not reported for this long has probably lost its worker.
STALE_AFTER_SECONDS = 600


class Cancelled(Exception):
    """Raised by progress.check() when the user asked to cancel the job."""


class JobFailed(Exception):
    """The job cannot do its work for a reason the user can act on (the message says which)."""

    def __init__(self, message, result: dict | None = None):
        super().__init__(str(message))
        self.message = str(message)
        self.result = result


@dataclass(frozen=True)
class JobKind:
    key: str
    runner: str  # dotted path of runner(job, progress) -> dict
    label: object
    result_template: str = ""  # shown on the job's page once it has finished
    result_context: str = ""  # dotted path of f(job, request) -> extra context for that template


_KINDS: dict[str, JobKind] = {}


def register(key: str, runner: str, *, label, result_template: str = "", result_context: str = "") -> None:
    """Declare a kind of job (apps call this from AppConfig.ready())."""
    _KINDS[key] = JobKind(key, runner, label, result_template, result_context)


def kind_of(job: Job) -> JobKind | None:
    return _KINDS.get(job.kind)


# -- starting -----------------------------------------------------------------------------

def start(user, kind: str, title: str, params: dict | None = None) -> Job:
    """Create the Job row and enqueue the task that runs it. Returns the job (fresh from the DB)."""
    if kind not in _KINDS:
        raise ValueError(f"unknown job kind {kind!r}")
    job = Job.objects.create(
        kind=kind, title=str(title)[:200], user=user, params=params or {},
        request_id=request_id.current() or request_id.new_id(),
        language=translation.get_language() or settings.LANGUAGE_CODE,
        phase="queued",
    )
    from .tasks import run_job

    try:
        result = run_job.enqueue(job.pk)
    except DatabaseError:
        logger.exception("could not enqueue job %s", job.pk)
        _finish(job.pk, Job.State.FAILED, _("The job could not be queued; please try again."))
    else:
        Job.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])
    job.refresh_from_db()
    return job


# -- running ------------------------------------------------------------------------------

def execute(job_id: int) -> None:
    """Run one job to its end (called by the task). Never raises for the job's own failures."""
    job = Job.objects.select_related("user").filter(pk=job_id).first()
    if job is None:
        logger.warning("job %s does not exist", job_id)
        return
    if job.is_finished or job.state == Job.State.RUNNING:
        return  # already run (a retried task must not run the work twice)
    with request_id.bind(job.request_id), translation.override(job.language or settings.LANGUAGE_CODE):
        try:
            _run(job)
        except Exception:  # noqa: BLE001  (whatever happened, the job must not stay "running")
            logger.exception("job %s (%s) could not be run", job.pk, job.kind)
            _finish(job.pk, Job.State.FAILED, _internal_message(job))


def _run(job: Job) -> None:
    progress = Progress(job)
    if job.cancel_requested or progress.cancel_marker_exists():
        _finish(job.pk, Job.State.CANCELLED, _("Cancelled before it started."))
        progress.close()
        return
    spec = _KINDS.get(job.kind)
    now = timezone.now()
    claimed = Job.objects.filter(pk=job.pk, state=Job.State.QUEUED).update(
        state=Job.State.RUNNING, started=now, updated=now)
    if not claimed:
        return
    state, message, result = Job.State.FAILED, "", None
    try:
        if spec is None:
            raise JobFailed(_("This kind of job is no longer supported."))
        result = import_string(spec.runner)(job, progress)
        state = Job.State.DONE
    except Cancelled:
        state, message = Job.State.CANCELLED, _("Cancelled at your request. Nothing was written.")
    except JobFailed as exc:
        state, message, result = Job.State.FAILED, exc.message, exc.result
    except OperationalError as exc:
        logger.exception("job %s (%s) failed on the database", job.pk, job.kind)
        message = _busy_message() if _is_locked(exc) else _internal_message(job)
    except Exception:  # noqa: BLE001  (the user gets a message, the log gets the traceback)
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        message = _internal_message(job)
    finally:
        progress.close()
    _finish(job.pk, state, message, result, done=progress.done, total=progress.total)


def _internal_message(job) -> str:
    return _("The job stopped because of an internal error. Nothing was written. The administrators "
             "can find the details in the log under reference %(ref)s.") % {"ref": job.request_id}


def _busy_message() -> str:
    return _("The database was busy with other work for too long. Nothing was written; "
             "start the job again in a few minutes.")


def _is_locked(exc) -> bool:
    return "locked" in str(exc).lower() or "busy" in str(exc).lower()


def _finish(job_id, state, message="", result=None, done=None, total=None) -> None:
    values = {"state": state, "message": str(message), "finished": timezone.now(), "updated": timezone.now()}
    if result is not None:
        values["result"] = result
    if state == Job.State.DONE:
        values["phase"] = ""
    if done is not None:
        values["done"] = done
    if total is not None:
        values["total"] = max(total, done or 0)
    # The final write must land even when another job holds SQLite's write lock for a while.
    for attempt in range(30):
        try:
            Job.objects.filter(pk=job_id).update(**values)
            return
        except OperationalError:
            if attempt == 29:
                logger.exception("could not record the end of job %s", job_id)
                return
            time.sleep(min(10, 1 + attempt))


# -- progress and cancellation --------------------------------------------------------------

def _live_dir() -> Path:
    path = Path(settings.VAR_DIR) / "jobs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _live_path(job: Job, suffix: str) -> Path:
    # The request id makes the name unguessable and unique even when job ids are reused.
    return _live_dir() / f"{job.pk}-{job.request_id}.{suffix}"


class Progress:
    """What a runner uses to report and to learn of a cancel. See the module's docstring."""

    write_interval = 0.5  # seconds between progress writes
    check_interval = 0.5  # seconds between looks at the cancel flag

    def __init__(self, job: Job):
        self.job = job
        self.name = ""
        self.done = 0
        self.total = 0
        self._last_write = 0.0
        self._last_check = 0.0
        self._in_atomic = False
        self._side = None  # second connection (server databases), opened on first use
        self._inline = connection.in_atomic_block
        self._sqlite = connection.vendor == "sqlite"

    # reporting
    def phase(self, name: str, total: int = 0) -> None:
        self.name, self.done, self.total = name, 0, max(0, int(total or 0))
        self._write(force=True)

    def set_total(self, total: int) -> None:
        self.total = max(0, int(total))
        self._write()

    def advance(self, n: int = 1) -> None:
        self.done += n
        self._write()

    def _write(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last_write < self.write_interval:
            return
        self._last_write = now
        values = {"phase": self.name, "done": self.done, "total": max(self.total, self.done)}
        try:
            if self._inline or not self._in_atomic:
                Job.objects.filter(pk=self.job.pk).update(updated=timezone.now(), **values)
            elif self._sqlite:
                self._write_live(values)
            else:
                self._side_execute(
                    f"UPDATE {Job._meta.db_table} SET phase = %s, done = %s, total = %s, updated = %s WHERE id = %s",
                    [values["phase"], values["done"], values["total"], timezone.now(), self.job.pk],
                )
        except Exception:  # noqa: BLE001  (progress is best effort: a missed update must not stop the work)
            logger.warning("progress of job %s not recorded", self.job.pk, exc_info=True)

    def _write_live(self, values: dict) -> None:
        path = _live_path(self.job, "live")
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps({**values, "at": timezone.now().isoformat()}))
        os.replace(tmp, path)

    # cancellation
    def check(self) -> None:
        """Raise Cancelled if the user asked to cancel (looks at most every check_interval)."""
        now = time.monotonic()
        if now - self._last_check < self.check_interval:
            return
        self._last_check = now
        if self.cancel_requested():
            raise Cancelled

    def cancel_requested(self) -> bool:
        if self.cancel_marker_exists():
            return True
        try:
            if self._inline or not self._in_atomic or self._sqlite:
                # SQLite: inside the write transaction we read our own snapshot, hence the marker.
                return bool(Job.objects.filter(pk=self.job.pk).values_list("cancel_requested", flat=True).first())
            rows = self._side_execute(f"SELECT cancel_requested FROM {Job._meta.db_table} WHERE id = %s",
                                      [self.job.pk], fetch=True)
            return bool(rows and rows[0][0])
        except Exception:  # noqa: BLE001  (an unreadable flag is not a cancel; the next check tries again)
            logger.warning("cancel flag of job %s not read", self.job.pk, exc_info=True)
            return False

    def cancel_marker_exists(self) -> bool:
        return _live_path(self.job, "cancel").exists() if self._sqlite and not self._inline else False

    # the runner's one transaction
    @contextmanager
    def atomic(self):
        """The runner's write transaction; progress keeps flowing while it is open."""
        self._write(force=True)
        with transaction.atomic():
            self._in_atomic = True
            try:
                yield
            finally:
                self._in_atomic = False
        self._write(force=True)

    def _side_execute(self, sql, params, fetch=False):
        if self._side is None:
            main = connections[DEFAULT_DB_ALIAS]  # the wrapper itself (`connection` is a proxy)
            self._side = type(main)(dict(main.settings_dict), alias=DEFAULT_DB_ALIAS)
        with self._side.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall() if fetch else None

    def close(self) -> None:
        """Release the second connection and the progress files; never raises."""
        if self._side is not None:
            try:
                self._side.close()
            except Exception:  # noqa: BLE001
                logger.warning("closing the progress connection of job %s failed", self.job.pk, exc_info=True)
            self._side = None
        if self._sqlite and not self._inline:
            for suffix in ("live", "cancel"):
                try:
                    _live_path(self.job, suffix).unlink(missing_ok=True)
                except OSError:
                    pass


class NullProgress:
    """For scripts and benchmarks calling a runner's engine directly: no job, never cancelled."""

    name = ""
    done = 0
    total = 0

    def phase(self, name, total=0):
        self.name, self.done, self.total = name, 0, total

    def set_total(self, total):
        self.total = total

    def advance(self, n=1):
        self.done += n

    def check(self):
        return None

    def atomic(self):
        return transaction.atomic()


# -- reading and cancelling (the pages) ---------------------------------------------------------

def can_see(user, job: Job) -> bool:
    return bool(user.is_authenticated and (job.user_id == user.pk or is_admin(user)))


def is_admin(user) -> bool:
    from zhibao.accounts.roles import Role

    return bool(user.is_superuser or getattr(user, "role", None) == Role.ADMIN)


def for_user(user, everyone: bool = False):
    """The jobs a user may see: their own; an administrator may ask for everyone's."""
    qs = Job.objects.select_related("user")
    if everyone and is_admin(user):
        return qs
    return qs.filter(user=user)


def snapshot(job: Job) -> Job:
    """The job with the progress its runner wrote outside the database, if any (SQLite)."""
    if job.state != Job.State.RUNNING or connection.vendor != "sqlite":
        return job
    try:
        live = json.loads(_live_path(job, "live").read_text())
    except (OSError, ValueError):
        return job
    job.cancel_requested = job.cancel_requested or _live_path(job, "cancel").exists()
    job.phase = str(live.get("phase", job.phase))[:20]
    job.done = int(live.get("done", job.done))
    job.total = int(live.get("total", job.total))
    return job


def phase_label(job: Job) -> str:
    return str(PHASES.get(job.phase, "")) if job.phase else ""


def is_stale(job: Job) -> bool:
    if job.state != Job.State.RUNNING or job.updated is None:
        return False
    if connection.vendor == "sqlite":
        live = _live_path(job, "live")
        if live.exists() and time.time() - live.stat().st_mtime < STALE_AFTER_SECONDS:
            return False
    return (timezone.now() - job.updated).total_seconds() > STALE_AFTER_SECONDS


def request_cancel(job: Job) -> bool:
    """Ask a queued or running job to stop. False if it has already finished."""
    if job.is_finished:
        return False
    if connection.vendor == "sqlite":
        # Reaches the runner even while its write transaction keeps the database locked.
        try:
            _live_path(job, "cancel").touch()
        except OSError:
            logger.warning("could not leave the cancel marker of job %s", job.pk, exc_info=True)
        else:
            if _live_path(job, "live").exists():
                # The runner's write transaction holds the database: writing the flag would wait for it.
                return True
    try:
        updated = Job.objects.filter(pk=job.pk, state__in=[Job.State.QUEUED, Job.State.RUNNING]).update(
            cancel_requested=True)
    except OperationalError:
        # SQLite busy with the job's own write transaction: the marker file carries the request.
        logger.info("cancel of job %s recorded by marker only (database busy)", job.pk)
        return True
    if updated and Job.objects.filter(pk=job.pk, state=Job.State.QUEUED).update(
            state=Job.State.CANCELLED, message=_("Cancelled before it started."), finished=timezone.now()):
        # Nobody was running it yet: it ends here, and its task will find it finished.
        _live_path(job, "cancel").unlink(missing_ok=True)
    return bool(updated)

"""Platform plumbing that every app shares: background job progress and worker heartbeats."""
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Job(models.Model):
    """A long piece of work a user started (an import, a report), with its progress.

    The work itself runs as a task of the tasks API; this row is what the user sees and
    what lets them cancel it. The worker checks `cancel_requested` between batches.
    `core/jobs.py` starts, runs, tracks and cancels jobs; nothing else writes these rows.
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", pgettext_lazy("job state", "Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    kind = models.CharField(_("kind"), max_length=40)
    title = models.CharField(_("title"), max_length=200)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="jobs")
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    total = models.PositiveBigIntegerField(_("total"), default=0)
    done = models.PositiveBigIntegerField(_("done"), default=0)
    message = models.TextField(_("message"), blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    cancel_requested = models.BooleanField(default=False)
    task_id = models.CharField(max_length=64, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    started = models.DateTimeField(_("started"), null=True, blank=True)
    finished = models.DateTimeField(_("finished"), null=True, blank=True)
    # What the job is doing now ("check", "write"...), named by core.jobs.PHASES.
    phase = models.CharField(_("phase"), max_length=20, blank=True)
    # When the job last reported progress: a running job that stays silent has lost its worker.
    updated = models.DateTimeField(_("last progress"), null=True, blank=True)
    # The request that started the job: the correlation id of every audit entry it writes.
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    # The job's input (file name, options), for its runner; never shown as such.
    params = models.JSONField(default=dict, blank=True)
    # The language the user worked in when starting it: messages are written in it.
    language = models.CharField(max_length=10, blank=True)

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        ordering = ["-created"]
        indexes = [models.Index(fields=["user", "-created"], name="job_user_created")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("jobs:detail", args=[self.pk])

    @property
    def percent(self) -> int:
        if self.state == self.State.DONE:
            return 100
        return int(self.done * 100 / self.total) if self.total else 0

    @property
    def is_finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED, self.State.CANCELLED)


class WorkerHeartbeat(models.Model):
    """One row per worker process, touched by its heartbeat task."""

    worker = models.CharField(max_length=100, unique=True)
    seen = models.DateTimeField()

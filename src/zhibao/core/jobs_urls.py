"""The pages of background jobs: my jobs, one job's progress (polled by htmx), cancel.

Thin views: who may see a job, how progress is read and how a cancel is passed on are
decided in core/jobs.py. A job is shown to its owner and to administrators only; anyone
else gets 404, so job numbers reveal nothing.
"""
import django_filters
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from . import jobs
from .lists import Column, ListPage
from .models import Job

app_name = "jobs"


class JobFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(choices=Job.State.choices, label=_("state"))

    class Meta:
        model = Job
        fields = ["state"]


def _kind_label(job):
    spec = jobs.kind_of(job)
    return spec.label if spec else job.kind


def _progress_cell(job):
    return f"{job.percent}%" if job.state == Job.State.RUNNING else ""


class JobList(ListPage):
    model = Job
    filterset_class = JobFilter
    title = _("My jobs")
    template_name = "core/jobs/list.html"
    default_sort = "-created"
    columns = (
        Column("title", _("title")),
        Column("kind", _("kind"), value=_kind_label),
        Column("state", _("state"), sort="state"),
        Column("progress", _("progress"), value=_progress_cell),
        Column("user", _("started by")),
        Column("created", _("created"), sort="created"),
        Column("finished", _("finished"), sort="finished"),
    )

    def everyone(self) -> bool:
        return self.request.GET.get("all") == "1" and jobs.is_admin(self.request.user)

    def base_queryset(self):
        return jobs.for_user(self.request.user, everyone=self.everyone())

    def get(self, request, *args, **kwargs):
        if self.everyone():
            self.title = _("Everyone's jobs")
        return super().get(request, *args, **kwargs)


def _job_or_404(request, pk) -> Job:
    job = Job.objects.select_related("user").filter(pk=pk).first()
    if job is None or not jobs.can_see(request.user, job):
        raise Http404
    return job


@login_required
def detail(request, pk):
    job = jobs.snapshot(_job_or_404(request, pk))
    spec = jobs.kind_of(job)
    context = {
        "job": job,
        "kind_label": spec.label if spec else job.kind,
        "phase_label": jobs.phase_label(job),
        "stale": jobs.is_stale(job),
        "result_template": spec.result_template if spec and job.is_finished else "",
        "result": job.result if isinstance(job.result, dict) else {},
        "can_cancel": not job.is_finished and not job.cancel_requested,
    }
    if context["result_template"] and spec.result_context:
        context.update(import_string(spec.result_context)(job, request))
    template = "core/jobs/detail.html#status" if request.htmx else "core/jobs/detail.html"
    return render(request, template, context)


@login_required
@require_POST
def cancel(request, pk):
    job = _job_or_404(request, pk)
    jobs.request_cancel(job)
    if request.htmx:
        return detail(request, pk)
    return redirect(job)


urlpatterns = [
    path("", login_required(JobList.as_view()), name="list"),
    path("<int:pk>/", detail, name="detail"),
    path("<int:pk>/cancel/", cancel, name="cancel"),
]

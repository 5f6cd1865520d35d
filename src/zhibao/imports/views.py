"""The import page: upload a file (checked at once for type, size, encoding and columns),
then follow the job that checks or imports it; download the templates.

Thin: files are judged by reader/engine, jobs are started and followed by core.jobs.
"""
import logging

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.http.multipartparser import MultiPartParserError
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from zhibao.accounts.roles import Perm
from zhibao.core import jobs
from zhibao.core.models import Job

from . import engine, templates_xlsx, uploads
from .columns import RECORD_TYPES
from .forms import UploadForm
from .jobs import can_confirm
from .reader import Refused, max_bytes, too_big

logger = logging.getLogger("zhibao.imports")


def _require_import(request):
    if not request.user.has_perm(Perm.REGISTRY_IMPORT):
        raise PermissionDenied


def _page(request, form, status=200, error=None):
    recent = Job.objects.filter(user=request.user, kind="import").order_by("-created")[:10]
    return render(request, "imports/upload.html", {
        "form": form, "error": error, "recent": recent, "record_types": RECORD_TYPES,
        "max_bytes": max_bytes(), "page_title": _("Import records"),
    }, status=status)


def _csrf_failure(request):
    """The CSRF check the middleware skipped (so that an oversized body is never read)."""
    def view(request):  # a callback without csrf_exempt: the middleware checks it
        return None

    return CsrfViewMiddleware(lambda r: None).process_view(request, view, (), {})


@csrf_exempt  # checked below, once the declared size is known to be acceptable
@login_required
def upload(request):
    _require_import(request)
    if request.method != "POST":
        return _page(request, UploadForm())
    size = uploads.too_large(request)
    if size is not None:
        return _page(request, UploadForm(), status=413, error=too_big(size).message)
    # Before anything reads the body (the CSRF check reads the form): stop reading at the limit.
    limit = uploads.LimitHandler(request)
    request.upload_handlers.insert(0, limit)
    try:
        failure = _csrf_failure(request)
        if failure is not None:
            return failure
        form = UploadForm(request.POST, request.FILES)
        valid = form.is_valid()
    except (MultiPartParserError, OSError):
        logger.info("unreadable upload", exc_info=True)
        return _page(request, UploadForm(), status=400,
                     error=_("The upload was interrupted or damaged; choose the file and send it again."))
    if limit.exceeded:
        return _page(request, UploadForm(initial=request.POST.dict()), status=413,
                     error=too_big(uploads.declared_size(request) or max_bytes() + 1).message)
    if not valid:
        return _page(request, form, status=400)
    data = form.cleaned_data
    upload_file = data["file"]
    if upload_file.size > max_bytes():
        return _page(request, form, status=413, error=too_big(upload_file.size).message)
    try:
        upload_file.seek(0)
        found = engine.inspect(uploads.file_of(upload_file), data["record_type"])
    except Refused as exc:
        return _page(request, form, status=400, error=exc.message)
    uploads.clear_forgotten()
    upload_file.seek(0)
    name = uploads.store(upload_file, found["format"])
    return redirect(_start(request, name, upload_file.name, data["record_type"], data["dry_run"]))


def _start(request, name, filename, record_type, dry_run):
    filename = (filename or "")[-100:]
    if dry_run:
        title = _("Dry run: %(type)s from %(file)s") % {"type": RECORD_TYPES[record_type], "file": filename}
    else:
        title = _("Import: %(type)s from %(file)s") % {"type": RECORD_TYPES[record_type], "file": filename}
    return jobs.start(request.user, "import", title, {
        "file": name, "filename": filename, "record_type": record_type, "dry_run": dry_run,
        "remote_addr": request.META.get("REMOTE_ADDR", "")[:45] or None,
    })


@login_required
@require_POST
def confirm(request, pk):
    """Import for real the file of a finished, faultless dry run."""
    _require_import(request)
    job = Job.objects.filter(pk=pk, kind="import").first()
    if job is None or not jobs.can_see(request.user, job):
        raise Http404
    if not can_confirm(job, request.user):
        return redirect(job)
    params = job.params
    new = _start(request, params["file"], params.get("filename", ""), params["record_type"], False)
    Job.objects.filter(pk=job.pk).update(params={**params, "confirmed_by": new.pk})
    return redirect(new)


@login_required
def template(request, record_type):
    _require_import(request)
    if record_type not in RECORD_TYPES:
        raise Http404
    filename = f"{_('import-template')}-{record_type}.xlsx"
    return FileResponse(templates_xlsx.build(record_type), as_attachment=True, filename=filename,
                        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

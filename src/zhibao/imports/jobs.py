"""The import job: runs the engine on a stored upload in the background worker."""
from django.core.paginator import Paginator
from django.utils.translation import gettext as _

from zhibao.accounts.roles import Perm
from zhibao.core.jobs import JobFailed

from . import engine, uploads
from .reader import Refused

ERRORS_PER_PAGE = 50


def run(job, progress) -> dict:
    params = job.params or {}
    name = params.get("file", "")
    dry_run = bool(params.get("dry_run", True))
    user = job.user
    try:
        if user is None or not user.is_active or not user.has_perm(Perm.REGISTRY_IMPORT):
            raise JobFailed(_("You are no longer allowed to import records."))
        if not uploads.exists(name):
            raise JobFailed(_("The uploaded file is no longer kept (files are kept for 24 hours); upload it again."))
        with uploads.open_stored(name) as stored:
            result = engine.run(uploads.file_of(stored), params.get("record_type", ""), user, dry_run=dry_run,
                                progress=progress, remote_addr=params.get("remote_addr"))
    except Refused as exc:
        raise JobFailed(exc.message) from None
    except engine.Rejected as exc:
        raise JobFailed(exc.message, {**exc.result, "file_name": params.get("filename", "")}) from None
    finally:
        if not dry_run:
            uploads.delete(name)  # a real import uses its file once; a dry run keeps it for "import now"
    result["file_name"] = params.get("filename", "")
    return result


def can_confirm(job, user) -> bool:
    """May this finished dry run be imported for real, from the same file?"""
    result = job.result if isinstance(job.result, dict) else {}
    params = job.params or {}
    return bool(
        job.kind == "import" and job.state == job.State.DONE and params.get("dry_run")
        and not params.get("confirmed_by") and result.get("faulty") == 0
        and (result.get("created", 0) + result.get("updated", 0)) > 0
        and job.user_id == user.pk and user.has_perm(Perm.REGISTRY_IMPORT)
        and uploads.exists(params.get("file", ""))
    )


def result_context(job, request) -> dict:
    result = job.result if isinstance(job.result, dict) else {}
    errors = Paginator(result.get("errors") or [], ERRORS_PER_PAGE)
    page = errors.get_page(request.GET.get("errors_page"))
    return {
        "errors_page": page,
        "error_rows": page.object_list,
        "can_confirm": can_confirm(job, request.user),
        "confirmed_by": (job.params or {}).get("confirmed_by"),
    }

"""Evidence pages: a case's evidence (list and upload), one file's custody chain, downloads.

Thin: `intake`, `custody` and `rules` decide; these views turn their refusals into messages."""
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zhibao.cases.models import Case
from zhibao.cases.permissions import CasesPerm
from zhibao.registry.views import needs

from . import custody, intake
from .forms import CustodyForm, UploadForm
from .models import EvidenceFile
from .permissions import EvidencePerm
from .rules import EvidenceError, visible_evidence


def case_url(case) -> str:
    """The case page if the cases app offers one, else this app's evidence page of the case."""
    try:
        return reverse("cases:detail", args=[case.pk])
    except NoReverseMatch:
        return reverse("evidence:case", args=[case.pk])


def _case(user, pk) -> Case:
    from zhibao.accounts.scope import visible

    case = visible(Case.objects.select_related("handling_org"), user).filter(pk=pk).first()
    if case is None:
        raise Http404(_("No such case in your data scope."))
    return case


def _evidence(user, pk) -> EvidenceFile:
    found = visible_evidence(EvidenceFile.objects.select_related("case"), user).filter(pk=pk).first()
    if found is None:
        raise Http404(_("No such evidence in your data scope."))
    return found


def panel_context(case, request) -> dict:
    """What the evidence section of a case page shows (also used by the case's evidence page)."""
    user = request.user
    files = (visible_evidence(EvidenceFile.objects.filter(case=case), user)
             .select_related("submitted_by_party__entity", "submitted_by_party__person", "submitted_by_officer"))
    may_upload = user.has_perm(EvidencePerm.UPLOAD) and case.closed_on is None
    return {"evidence_files": files, "evidence_form": UploadForm(case=case) if may_upload else None}


@needs(CasesPerm.VIEW, EvidencePerm.VIEW)
@require_http_methods(["GET", "POST"])
def case_evidence(request, case_pk):
    case = _case(request.user, case_pk)
    context = panel_context(case, request)
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES, case=case)
        if form.is_valid():
            data = form.cleaned_data
            try:
                evidence = intake.receive(
                    case, request.user, data["file"], title=data["title"], kind=data["kind"],
                    submitter_kind=data["submitter_kind"], party=data["party"], officer=data["officer"],
                    place=data["place"], note=data["note"])
            except EvidenceError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, _("Evidence “%(title)s” received; SHA-256 %(digest)s.")
                                 % {"title": evidence.title, "digest": evidence.sha256})
                return redirect("evidence:detail", evidence.pk)
        context["evidence_form"] = form
    return render(request, "evidence/case.html", {"case": case, "case_url": case_url(case), **context},
                  status=400 if request.method == "POST" else 200)


@needs(EvidencePerm.VIEW)
@require_GET
def detail(request, pk):
    evidence = _evidence(request.user, pk)
    chain = evidence.custody.select_related("actor").order_by("at", "pk")
    may_handle = request.user.has_perm(EvidencePerm.CUSTODY) and evidence.destroyed is None
    return render(request, "evidence/detail.html", {
        "evidence": evidence, "case": evidence.case, "case_url": case_url(evidence.case), "chain": chain,
        "custody_form": CustodyForm() if may_handle else None, "may_check": may_handle,
        "last_check": evidence.custody.filter(action="checked").order_by("-at", "-pk").first(),
    })


@needs(EvidencePerm.CUSTODY)
@require_POST
def custody_add(request, pk):
    evidence = _evidence(request.user, pk)
    form = CustodyForm(request.POST)
    if form.is_valid():
        try:
            custody.record(evidence, request.user, **form.cleaned_data)
        except EvidenceError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Custody event recorded."))
    else:
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
    return redirect("evidence:detail", evidence.pk)


@needs(EvidencePerm.CUSTODY)
@require_POST
def check(request, pk):
    evidence = _evidence(request.user, pk)
    try:
        event = custody.check(evidence, request.user)
    except EvidenceError as exc:
        messages.error(request, exc.message)
    else:
        if event.intact:
            messages.success(request, _("Integrity check passed: the stored file still matches its SHA-256."))
        else:
            messages.error(request, _("INTEGRITY CHECK FAILED: the stored file no longer matches the SHA-256 taken "
                                      "on receipt. Do not rely on it; report this at once."))
    return redirect("evidence:detail", evidence.pk)


@needs(EvidencePerm.VIEW)
@require_GET
def download(request, pk):
    evidence = _evidence(request.user, pk)
    try:
        path = custody.open_for_download(evidence, request.user)
    except EvidenceError as exc:
        messages.error(request, exc.message)
        return redirect("evidence:detail", evidence.pk)
    response = FileResponse(open(path, "rb"), as_attachment=True, filename=evidence.original_name,
                            content_type=evidence.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response

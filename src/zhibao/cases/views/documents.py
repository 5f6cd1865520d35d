"""Case documents pages: the documents panel, generating a procedure's document, downloading it.

Thin: `cases.documents.generate` decides (it records through the engine); these views turn
its refusals into messages."""
from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from zhibao.accounts.scope import visible
from zhibao.registry.views import needs

from ..documents import generate as rules
from ..documents.catalogue import INPUTS, layout_for
from ..errors import CaseError
from ..models import Case, CaseDocument
from ..permissions import CasesPerm


class GenerateForm(forms.Form):
    reference = forms.CharField(label=gettext_lazy("Document number"), max_length=100, required=False,
                                help_text=gettext_lazy("Empty: the case number."))

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        for name in layout_for(kind).inputs:
            label, limit = INPUTS[name]
            if name == "hearing_date":
                self.fields[name] = forms.DateField(label=label, widget=forms.DateInput(attrs={"type": "date"}))
            else:
                widget = forms.Textarea(attrs={"rows": 3}) if limit > 500 else forms.TextInput()
                self.fields[name] = forms.CharField(label=label, max_length=limit, required=False, widget=widget)


def _case(user, pk) -> Case:
    case = visible(Case.objects.select_related("handling_org"), user).filter(pk=pk).first()
    if case is None:
        raise Http404(_("No such case in your data scope."))
    return case


def _back(case) -> str:
    from zhibao.evidence.views import case_url
    return case_url(case) + "#documents"


def panel_context(case, request) -> dict:
    """The documents on the case and, for each document the procedure declares, how to generate it."""
    may_generate = request.user.has_perm(CasesPerm.HANDLE) and case.closed_on is None
    kinds = [{"kind": kind, "label": label, "needs_input": bool(layout_for(kind).inputs)}
             for kind, label in case.spec.documents] if may_generate else []
    return {"case_documents": rules.documents_of(case), "document_kinds": kinds}


@needs(CasesPerm.HANDLE)
@require_http_methods(["GET", "POST"])
def generate(request, pk, kind):
    case = _case(request.user, pk)
    if kind not in dict(case.spec.documents):
        raise Http404(_("This procedure has no such document."))
    form = GenerateForm(request.POST if request.method == "POST" else None, kind=kind)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reference = data.pop("reference")
        try:
            made = rules.generate(case, request.user, kind, reference=reference, inputs=data)
        except CaseError as exc:
            form.add_error(exc.fields[0] if exc.fields and exc.fields[0] in form.fields else None, exc.message)
        else:
            note = _(" Some dates in it are provisional (marked （暂定）).") if made.provisional else ""
            messages.success(request, _("“%(name)s” generated.") % {"name": made.file_name} + note)
            return redirect(_back(case))
    return render(request, "cases/documents/generate.html", {
        "case": case, "form": form, "kind_label": case.spec.document_label(kind), "back": _back(case),
    }, status=400 if request.method == "POST" else 200)


@needs(CasesPerm.HANDLE)
@require_GET
def download(request, pk, doc_pk):
    case = _case(request.user, pk)
    document = CaseDocument.objects.filter(case=case, pk=doc_pk).select_related("generated").first()
    if document is None or not hasattr(document, "generated"):
        raise Http404(_("No such document file."))
    try:
        file_path = rules.open_file(document.generated, request.user)
    except CaseError as exc:
        raise Http404(exc.message) from None
    response = FileResponse(open(file_path, "rb"), as_attachment=True, filename=document.generated.file_name,
                            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    response["Cache-Control"] = "private, no-store"
    return response


urlpatterns = [
    path("<int:pk>/documents/<slug:kind>/generate/", generate, name="document_generate"),
    path("<int:pk>/documents/<int:doc_pk>/file/", download, name="document_download"),
]

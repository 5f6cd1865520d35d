"""Pages of the satisfaction surveys, including the public pages where people answer them."""
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zhibao.core.lists import Column
from zhibao.registry.services import save_record

from .. import common, forms, surveys
from ..choices import SurveyOccasion
from ..models import ServiceRecord, Survey, SurveyAnswer, SurveyQuestion, SurveyResponse
from ..permissions import ServicePerm
from .base import ServiceList, edit_page, errors_text, in_scope, needs, section_links


class SurveyList(ServiceList):
    model = Survey
    filterset_class = None
    perm = ServicePerm.SURVEYS
    export_perm = None
    title = gettext_lazy("Satisfaction surveys")
    create_url = "services:survey_create"
    create_perm = ServicePerm.SURVEYS
    default_sort = "-opens_on"
    section = "stations"
    columns = (
        Column("title", gettext_lazy("Title"), sort="title"),
        Column("occasion", gettext_lazy("Sent"), sort="occasion"),
        Column("opens_on", gettext_lazy("Open from"), sort="opens_on"),
        Column("closes_on", gettext_lazy("Open until"), sort="closes_on"),
        Column("public", gettext_lazy("On the portal"), value=lambda s: _("Yes") if s.public else ""),
        Column("n", gettext_lazy("Responses"), value=lambda s: s.n),
    )

    def get_queryset(self):
        return Survey.objects.annotate(n=Count("responses")), None


class ResponseList(ServiceList):
    """Individual anonymous responses: for survey managers, never those rating their own body."""

    model = SurveyResponse
    filterset_class = None
    perm = ServicePerm.SURVEYS
    export_perm = ServicePerm.SURVEYS
    default_sort = "-received_on"
    columns = (
        Column("received_on", gettext_lazy("Received on"), sort="received_on"),
        Column("channel", gettext_lazy("Channel")),
        Column("rated_org__name", gettext_lazy("Body rated")),
        Column("district__name", gettext_lazy("District")),
        Column("score", gettext_lazy("Score"), sort="score"),
        Column("comments", gettext_lazy("Comments"),
               value=lambda r: " / ".join(a.text for a in r.answers.all() if a.text)),
    )

    def dispatch(self, request, *args, **kwargs):
        self.survey = Survey.objects.filter(pk=kwargs.get("pk")).first()
        if self.survey is None:
            raise Http404(_("No such record in your data scope."))
        self.title = _("Responses to “%(survey)s”") % {"survey": self.survey}
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        qs = surveys.visible_responses(self.request.user).filter(survey=self.survey).select_related(
            "rated_org", "district").prefetch_related(Prefetch("answers", queryset=SurveyAnswer.objects.order_by("pk")))
        return qs, None


# -- managing surveys ---------------------------------------------------------------------------------

def _survey_or_404(pk) -> Survey:
    survey = Survey.objects.filter(pk=pk).first()
    if survey is None:
        raise Http404(_("No such record in your data scope."))
    return survey


@needs(ServicePerm.SURVEYS)
@require_GET
def survey_detail(request, pk):
    survey = _survey_or_404(pk)
    responses = surveys.visible_responses(request.user).filter(survey=survey)
    invitations = survey.invitations.aggregate(n=Count("pk"), used=Count("pk", filter=Q(responded=True)))
    return render(request, "services/survey_detail.html", {
        "survey": survey, "questions": survey.questions.order_by("order", "pk"),
        "results": surveys.results(responses), "invitations": invitations,
        "hidden": survey.responses.count() - responses.count(),
        "locked": survey.responses.exists(),
        "question_form": forms.QuestionForm(user=request.user, initial={
            "order": survey.questions.count() + 1}),
        "public_url": request.build_absolute_uri(reverse("services:survey_public", args=[survey.pk]))
        if survey.public else None,
    })


@needs(ServicePerm.SURVEYS)
@require_http_methods(["GET", "POST"])
def survey_create(request):
    form = forms.SurveyForm(request.POST or None, instance=Survey(opens_on=common.today()), user=request.user)
    return edit_page(request, form, lambda f: save_record(f.instance), title=_("New satisfaction survey"),
                     cancel_url=reverse("services:survey_list"))


@needs(ServicePerm.SURVEYS)
@require_http_methods(["GET", "POST"])
def survey_edit(request, pk):
    survey = _survey_or_404(pk)
    form = forms.SurveyForm(request.POST or None, instance=survey, user=request.user)
    return edit_page(request, form, lambda f: save_record(f.instance, expected_version=f.expected_version),
                     title=_("Edit %(name)s") % {"name": survey}, cancel_url=survey.get_absolute_url())


@needs(ServicePerm.SURVEYS)
@require_POST
def question_add(request, pk):
    survey = _survey_or_404(pk)
    if survey.responses.exists():
        messages.error(request, _("This survey has responses: its questions can no longer change, or the results "
                                  "would not compare. Make a new survey instead."))
        return redirect(survey.get_absolute_url())
    form = forms.QuestionForm(request.POST, instance=SurveyQuestion(survey=survey), user=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, _("The question was added."))
    else:
        messages.error(request, _("Nothing was saved: %(problems)s") % {"problems": errors_text(form)})
    return redirect(survey.get_absolute_url())


@needs(ServicePerm.SURVEYS)
@require_POST
def question_remove(request, pk, question_pk):
    survey = _survey_or_404(pk)
    if survey.responses.exists():
        messages.error(request, _("This survey has responses: its questions can no longer change, or the results "
                                  "would not compare. Make a new survey instead."))
    else:
        survey.questions.filter(pk=question_pk).delete()
        messages.success(request, _("The question was removed."))
    return redirect(survey.get_absolute_url())


@needs(ServicePerm.VIEW)
@require_POST
def record_invite(request, pk):
    """Make an invitation to rate a service; its link is shown once, to hand to the enterprise."""
    user = request.user
    if not (user.has_perm(ServicePerm.RECORD) or user.has_perm(ServicePerm.SURVEYS)):
        raise PermissionDenied
    record = in_scope(ServiceRecord.objects.select_related("workstation__org"), user, pk)
    form = forms.InviteForm(request.POST, occasion=SurveyOccasion.SERVICE)
    if not form.is_valid():
        messages.error(request, _("Nothing was saved: %(problems)s") % {"problems": errors_text(form)})
        return redirect(record.get_absolute_url())
    try:
        invitation, token = surveys.invite_for_service(record, form.cleaned_data["survey"], user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(record.get_absolute_url())
    response = render(request, "services/invitation.html", {
        "invitation": invitation, "record": record,
        "url": request.build_absolute_uri(reverse("services:survey_answer", args=[token]))})
    add_never_cache_headers(response)
    return response


@needs(ServicePerm.VIEW)
@require_GET
def own_satisfaction(request):
    """What the staff of a body see of how their work is rated: aggregates only."""
    rows = []
    for survey in Survey.objects.order_by("-opens_on"):
        out = surveys.own_results(request.user, survey.responses.all())
        if out["count"]:
            rows.append((survey, out))
    return render(request, "services/own_satisfaction.html", {"rows": rows, "min_group": surveys.MIN_GROUP,
                                                              "org": request.user.organization,
                                                              "sections": section_links(request, "stations")})


# -- the public pages (no sign-in) ----------------------------------------------------------------------------

def _answer_page(request, survey, invitation=None):
    form = forms.ResponseForm(request.POST or None, survey=survey)
    if request.method == "POST" and form.is_valid():
        try:
            surveys.submit(survey, form.raw, invitation=invitation)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if invitation is None:
                request.session[f"survey-{survey.pk}"] = True
            response = render(request, "services/survey_thanks.html", {"survey": survey})
            add_never_cache_headers(response)
            return response
    response = render(request, "services/survey_answer.html", {"survey": survey, "form": form,
                                                               "rated": invitation.rated_org if invitation else None})
    add_never_cache_headers(response)
    return response


@require_http_methods(["GET", "POST"])
def survey_answer(request, token):
    """The page an invitation link opens: anyone holding the link may answer, once."""
    invitation = surveys.invitation_for(token)
    if invitation is None:
        response = render(request, "services/survey_closed.html", status=404)
        add_never_cache_headers(response)
        return response
    return _answer_page(request, invitation.survey, invitation)


@require_http_methods(["GET", "POST"])
def survey_public(request, pk):
    """A survey open on the public portal."""
    survey = Survey.objects.filter(pk=pk, public=True).first()
    if survey is None or not survey.open_on(common.today()):
        return render(request, "services/survey_closed.html", status=404)
    if request.session.get(f"survey-{survey.pk}"):
        return render(request, "services/survey_thanks.html", {"survey": survey, "again": True})
    return _answer_page(request, survey)

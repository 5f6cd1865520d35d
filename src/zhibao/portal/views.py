"""The portal's pages: thin; rules are in submissions.py, public_view.py and throttle.py."""
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from zhibao.accounts.scope import visible
from zhibao.cases import engine
from zhibao.cases.errors import CaseError
from zhibao.cases.models import Case
from zhibao.services import common as services_common
from zhibao.services.models import Survey

from . import public_view, replies, throttle
from .forms import ComplaintForm, FollowForm, ReportForm
from .submissions import PortalClosed, submit

RECEIPT_KEY = "portal-receipt"


def hotline() -> str:
    return getattr(settings, "ZHIBAO_PORTAL_HOTLINE", "12330")


def home(request):
    return render(request, "portal/home.html", {"hotline": hotline()})


def privacy(request):
    return render(request, "portal/privacy.html", {"hotline": hotline()})


def _submission(request, procedure: str, form_class, template: str):
    form = form_class(request.POST or None)
    error = ""
    if request.method == "POST":
        address = throttle.client_address(request)
        limit = throttle.submissions()
        if limit.exceeded(address):
            error = _("Too many submissions from your connection in the last hour. Please try again later, "
                      "or call the hotline %(hotline)s.") % {"hotline": hotline()}
            return render(request, template, {"form": form, "error": error, "hotline": hotline()}, status=429)
        if form.trapped:
            limit.hit(address)
            error = _("Your submission could not be accepted. Please call the hotline %(hotline)s.") % {
                "hotline": hotline()}
        elif form.is_valid():
            try:
                with transaction.atomic():
                    receipt = submit(procedure, form.cleaned_data)
            except (CaseError, PortalClosed) as exc:
                error = getattr(exc, "message", None) or str(exc)
            else:
                limit.hit(address)
                request.session[RECEIPT_KEY] = receipt.__dict__
                return redirect("portal:receipt")
        else:
            error = _("Please correct the marked fields.")
    return render(request, template, {"form": form, "error": error, "hotline": hotline()},
                  status=400 if error else 200)


@require_http_methods(["GET", "POST"])
def report(request):
    return _submission(request, "report", ReportForm, "portal/report.html")


@require_http_methods(["GET", "POST"])
def complaint(request):
    return _submission(request, "complaint", ComplaintForm, "portal/complaint.html")


@never_cache
def receipt(request):
    """The tracking number and check code, shown once: the session forgets them as the page is sent."""
    data = request.session.pop(RECEIPT_KEY, None)
    return render(request, "portal/receipt.html", {"receipt": data, "hotline": hotline()},
                  status=200 if data else 410)



@never_cache
@require_http_methods(["GET", "POST"])
def follow(request):
    """Tracking number and check code → the public view of the case. A wrong number and a wrong
    code get the same answer, and failures are counted per address and per number."""
    form = FollowForm(request.POST or None)
    context = {"form": form, "hotline": hotline()}
    if request.method != "POST":
        return render(request, "portal/follow.html", context)
    address = throttle.client_address(request)
    by_address, by_case = throttle.follow_failures(), throttle.follow_failures_per_case()
    number = (request.POST.get("number") or "").strip()[:60]
    if by_address.exceeded(address) or by_case.exceeded(number):
        context["error"] = _("Too many wrong attempts. Please wait 15 minutes and try again, or call the "
                             "hotline %(hotline)s.") % {"hotline": hotline()}
        return render(request, "portal/follow.html", context, status=429)
    case = engine.find_by_check_code(form.cleaned_data["number"], form.cleaned_data["code"]) \
        if form.is_valid() else None
    if case is None:
        by_address.hit(address)
        by_case.hit(number)
        context["error"] = _("No case matches this tracking number and check code. Check both and try again.")
        return render(request, "portal/follow.html", context, status=404)
    return render(request, "portal/case.html", {"case": public_view.of(case), "hotline": hotline()})


def _open_surveys() -> list[Survey]:
    today = services_common.today()
    return [s for s in Survey.objects.filter(public=True, opens_on__lte=today).order_by("-opens_on", "pk")
            if s.open_on(today)]


def surveys(request):
    return render(request, "portal/surveys.html", {"surveys": _open_surveys(), "hotline": hotline()})


@login_required
@require_http_methods(["POST"])
def reply(request, pk):
    """Officers write the public reply from the portal section of the case page."""
    case = get_object_or_404(visible(Case.objects.all(), request.user), pk=pk)  # 404, not 403, outside scope
    try:
        replies.save(case, request.user, request.POST.get("text", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The public reply was saved."))
    return redirect(case.get_absolute_url() + "#panel-portal")

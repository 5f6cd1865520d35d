"""What every cockpit page shares: who may open it, and the period and district it shows."""
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render

from zhibao.accounts.roles import Perm

from ..forms import PeriodForm
from ..permissions import IndicatorsPerm

VIEW, MANAGE, REPORT = Perm.COCKPIT_VIEW, IndicatorsPerm.MANAGE, IndicatorsPerm.REPORT


def needs(perm):
    """Anonymous users sign in first; users without `perm` get 403."""
    def decorate(view):
        return login_required(permission_required(perm, raise_exception=True)(view))
    return decorate


def period_form(request) -> PeriodForm:
    return PeriodForm(request.GET)


def refuse(request, message, status=400):
    """Bad input: the message, translated, and nothing else done."""
    return render(request, "indicators/refused.html", {"message": message}, status=status)

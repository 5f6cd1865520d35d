"""The records that make each figure (cockpit.records): the same sets as measures.py counts,
as querysets the cockpit can page through, with the columns worth showing."""
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from zhibao.cases.models import Case, Clock, ClockState
from zhibao.services import counts
from zhibao.services.models import ExpertAppointment

from .measures import CIVIL, ENFORCEMENT, TRIAL_CLOCK, valid_on
from .models import HighValuePatent

CASE_COLUMNS = (("number", _("case number")), ("title", _("title")), ("procedure", _("procedure")),
                ("handling_org__name", _("handling body")), ("district__name", _("district")),
                ("received_on", _("received on")), ("filed_on", _("filed on")), ("closed_on", _("closed on")))


def _columns(pairs):
    from .cockpit import Column

    return [Column(path, str(label)) for path, label in pairs]


def _case_body(qs, body):
    return qs.filter(handling_org=body) if body is not None else qs


def build(ind, first, last, as_of, district, body, numerator: bool):
    from .cockpit import Records

    code = ind.code
    if code == 1:
        qs = HighValuePatent.objects.filter(valid_on(as_of, "valid_from", "valid_to")).select_related("right")
        if district:
            qs = qs.filter(district_id=district)
        cols = (("right__number", _("patent number")), ("right__title", _("title")),
                ("district__name", _("district")), ("valid_from", _("high-value since")), ("reasons", _("why")))
    elif code == 2:
        qs = counts.enterprises_served_records(first, last, district)
        cols = (("uscc", _("unified social credit code")), ("name", _("name")), ("district__name", _("district")))
    elif code == 3:
        qs = counts.workstations_in_operation_records(as_of, district)
        if body is not None:
            qs = qs.filter(org=body)
        cols = (("name", _("name")), ("kind", _("kind")), ("district__name", _("district")),
                ("opened_on", _("opened on")))
    elif code == 4:
        appointments = ExpertAppointment.objects.filter(valid_on(as_of, "valid_from", "valid_to"))
        if body is not None:
            appointments = appointments.filter(appointed_by=body)
        qs = counts.Expert.objects.filter(pk__in=appointments.values("expert_id"))
        cols = (("name", _("name")),)
    elif code == 5:
        qs = counts.filing_entities_valid_records(as_of, district, body)
        cols = (("uscc", _("unified social credit code")), ("name", _("name")), ("district__name", _("district")))
    elif code == 6:
        qs = Case.objects.filter(procedure__in=ENFORCEMENT, filed_on__isnull=False, filed_on__lte=last)
        qs = qs.filter(closed_on__gte=first, closed_on__lte=last) if numerator else \
            qs.exclude(closed_on__lt=first)
        qs = _case_body(qs.filter(district_id=district) if district else qs, body)
        cols = CASE_COLUMNS
    elif code == 7:
        qs = Case.objects.filter(procedure=CIVIL, closed_on__gte=first, closed_on__lte=last)
        if numerator:
            qs = qs.filter(Exists(Clock.objects.filter(case=OuterRef("pk"), code=TRIAL_CLOCK,
                                                       state=ClockState.MET)))
        qs = _case_body(qs.filter(district_id=district) if district else qs, body)
        cols = CASE_COLUMNS
    elif code == 8:
        qs = _case_body(counts.assistance_and_mediation_cases_records(first, last, district), body)
        cols = CASE_COLUMNS
    else:
        qs = counts.satisfaction_records(first, last, district, body)
        cols = (("received_on", _("received on")), ("rated_org__name", _("body rated")), ("score", _("score")))
    return Records(qs, _columns(cols), str(ind.name))

"""Closed vocabularies of the service network."""
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class WorkstationKind(models.TextChoices):
    ASSISTANCE = "assistance", _("Rights-protection assistance workstation")
    POLICE = "police", _("Police IP protection workstation")
    PROCURATORATE = "procuratorate", _("Procuratorate IP protection workstation")
    OVERSEAS = "overseas", _("Overseas-enterprise IP protection workstation")
    EXHIBITION = "exhibition", _("Exhibition complaint office")
    CIRCUIT = "circuit", _("Circuit tribunal")


class ServiceKind(models.TextChoices):
    CONSULTATION = "consultation", _("Consultation")
    COMPLAINT = "complaint", _("Help with a complaint")
    EVIDENCE = "evidence", _("Evidence guidance")
    MEDIATION = "mediation", _("Mediation referral")
    OVERSEAS = "overseas", _("Overseas dispute guidance")
    TRAINING = "training", _("Training")


# The kind of assistance case a service opens (cases/procedures/assistance.py); training opens none.
ASSISTANCE_KIND = {
    ServiceKind.CONSULTATION: "consultation",
    ServiceKind.COMPLAINT: "guidance",
    ServiceKind.EVIDENCE: "evidence",
    ServiceKind.MEDIATION: "referral",
    ServiceKind.OVERSEAS: "guidance",
}


class ExpertRole(models.TextChoices):
    THINK_TANK = "think_tank", _("Think-tank expert")
    INVESTIGATOR = "investigator", _("Technical investigator")
    COMMISSIONER = "commissioner", _("Special commissioner")


class Availability(models.TextChoices):
    AVAILABLE = "available", _("Available")
    UNAVAILABLE = "unavailable", _("Not available")


class TieKind(models.TextChoices):
    EMPLOYMENT = "employment", _("Former employment")
    ENGAGEMENT = "engagement", _("Engagement (consulting, retained or paid work)")
    RELATIONSHIP = "relationship", _("Personal or business relationship")
    CASE_ROLE = "case_role", _("Acted for a party in a case")


class ConflictKind(models.TextChoices):
    """Why an expert may not be drawn for a case (draw.py)."""

    EMPLOYED_BY_PARTY = "employed_by_party", _("Employed by a party")
    SAME_ORGANIZATION = "same_organization", _("Same organization as a party")
    RECENTLY_ENGAGED = "recently_engaged", _("Recently engaged for a party")
    DECLARED_RELATIONSHIP = "declared_relationship", _("Declared relationship with a party")
    OTHER_SIDE = "other_side", _("Already on a party's side in this case")


class ExclusionReason(models.TextChoices):
    """Everything that keeps a considered expert out of a draw; conflicts are listed too."""

    NOT_QUALIFIED = "not_qualified", _("Not qualified in the fields asked for")
    UNAVAILABLE = "unavailable", _("Not available")
    ALREADY_ON_CASE = "already_on_case", _("Already drawn for this case")
    RECUSED = "recused", _("Recused from this case earlier")
    EMPLOYED_BY_PARTY = ConflictKind.EMPLOYED_BY_PARTY.value, ConflictKind.EMPLOYED_BY_PARTY.label
    SAME_ORGANIZATION = ConflictKind.SAME_ORGANIZATION.value, ConflictKind.SAME_ORGANIZATION.label
    RECENTLY_ENGAGED = ConflictKind.RECENTLY_ENGAGED.value, ConflictKind.RECENTLY_ENGAGED.label
    DECLARED_RELATIONSHIP = ConflictKind.DECLARED_RELATIONSHIP.value, ConflictKind.DECLARED_RELATIONSHIP.label
    OTHER_SIDE = ConflictKind.OTHER_SIDE.value, ConflictKind.OTHER_SIDE.label


class PickState(models.TextChoices):
    ACTIVE = "active", _("Serving")
    RECUSED = "recused", _("Recused")


class RecusalReason(models.TextChoices):
    CONFLICT = "conflict", _("Conflict of interest found")
    CHALLENGE = "challenge", _("Challenged by a party")
    DECLINED = "declined", _("Expert declined or cannot serve")
    OTHER = "other", _("Other")


class OpinionKind(models.TextChoices):
    TECHNICAL = "technical", _("Technical investigation opinion")
    CONSULTATION = "consultation", _("Expert consultation opinion")
    OTHER = "other", _("Other opinion")


class FilingStatus(models.TextChoices):
    APPLIED = "applied", _("Applied, under review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    REVOKED = "revoked", pgettext_lazy("filing", "Revoked")


class PatentKind(models.TextChoices):
    INVENTION = "invention", _("Invention patent")
    UTILITY = "utility", _("Utility-model patent")
    DESIGN = "design", _("Design patent")


class PreexamOutcome(models.TextChoices):
    PENDING = "pending", _("Being examined")
    PASSED = "passed", _("Passed pre-examination")
    RETURNED = "returned", _("Returned (did not pass)")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ListKind(models.TextChoices):
    KEY_ENTERPRISE = "key_enterprise", _("Key copyright enterprise")
    KEY_WORK = "key_work", _("Key product or work")
    CONTACT_ENTERPRISE = "contact_enterprise", _("Procuratorate key-contact enterprise")
    CORE_TECHNOLOGY = "core_technology", _("Core technology")
    GI_PRODUCT = "gi_product", _("Geographical indication product")
    PLANT_VARIETY = "plant_variety", _("Plant variety")
    KEY_MARKET = "key_market", _("Key-market watch list")
    EXHIBITION = "exhibition", _("Exhibition")


class QuestionKind(models.TextChoices):
    SCORE = "score", _("Score from 0 to 100")
    LEVEL = "level", _("Five levels (very satisfied … very dissatisfied)")
    TEXT = "text", _("Comment (not scored)")


class SatisfactionLevel(models.IntegerChoices):
    """The five answers of a LEVEL question and the points each is worth on the 0–100 scale."""

    VERY_SATISFIED = 100, _("Very satisfied")
    SATISFIED = 80, _("Satisfied")
    FAIR = 60, _("Fairly satisfied")
    DISSATISFIED = 40, _("Dissatisfied")
    VERY_DISSATISFIED = 20, _("Very dissatisfied")


class SurveyOccasion(models.TextChoices):
    SERVICE = "service", _("After a workstation service")
    CASE = "case", _("After a closed case")
    PUBLIC = "public", _("Open on the public portal")


class ResponseChannel(models.TextChoices):
    INVITATION = "invitation", _("Invitation link")
    PORTAL = "portal", _("Public portal")

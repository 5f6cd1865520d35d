"""Closed vocabularies of the registries (national standards and legal categories)."""
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DivisionLevel(models.TextChoices):
    CITY = "city", _("City")
    DISTRICT = "district", pgettext_lazy("division level", "District")
    COUNTY = "county", _("County")


class ZoneLevel(models.TextChoices):
    NATIONAL = "national", _("National")
    PROVINCIAL = "provincial", _("Provincial")
    CITY = "city", _("City")
    NEW_AREA = "new_area", _("National new area")


class OrganizationKind(models.TextChoices):
    IP_ADMIN = "ip_admin", _("IP administration")
    MARKET_REGULATION = "market_regulation", _("Market regulation bureau")
    ENFORCEMENT = "enforcement", _("Enforcement brigade")
    PROTECTION_CENTRE = "protection_centre", _("IP protection centre")
    POLICE = "police", _("Police")
    PROCURATORATE = "procuratorate", _("Procuratorate")
    COURT = "court", _("Court")
    MEDIATION = "mediation", _("Mediation committee")
    ARBITRATION = "arbitration", _("Arbitration commission")
    NOTARY = "notary", _("Notary office")
    WORKSTATION = "workstation", _("Workstation")
    COPYRIGHT = "copyright", _("Copyright administration")
    AGRICULTURE = "agriculture", _("Agriculture and forestry administration")
    CUSTOMS = "customs", _("Customs")
    ASSOCIATION = "association", _("Industry association")
    OTHER = "other", _("Other")


class EntityKind(models.TextChoices):
    COMPANY = "company", _("Company")
    INDIVIDUAL = "individual", _("Individual business")
    COOPERATIVE = "cooperative", _("Farmers' cooperative")
    INSTITUTION = "institution", _("Public institution")
    UNIVERSITY = "university", _("University or research institute")
    SOCIAL = "social", _("Social organization")
    OTHER = "other", _("Other")


class EntityStatus(models.TextChoices):
    ACTIVE = "active", _("In business")
    REVOKED = "revoked", _("Licence revoked")
    CANCELLED = "cancelled", _("Deregistered")


class Industry(models.TextChoices):
    """GB/T 4754-2017 sections."""

    A = "A", _("Agriculture, forestry, animal husbandry and fishery")
    B = "B", _("Mining")
    C = "C", _("Manufacturing")
    D = "D", _("Electricity, heat, gas and water")
    E = "E", _("Construction")
    F = "F", _("Wholesale and retail trade")
    G = "G", _("Transport, storage and post")
    H = "H", _("Accommodation and catering")
    I = "I", _("Information transmission, software and IT services")  # noqa: E741
    J = "J", _("Finance")
    K = "K", _("Real estate")
    L = "L", _("Leasing and business services")
    M = "M", _("Scientific research and technical services")
    N = "N", _("Water, environment and public facilities")
    O = "O", _("Residential and other services")  # noqa: E741
    P = "P", _("Education")
    Q = "Q", _("Health and social work")
    R = "R", _("Culture, sports and entertainment")
    S = "S", _("Public administration and social organizations")
    T = "T", _("International organizations")


class Gender(models.TextChoices):
    MALE = "M", _("Male")
    FEMALE = "F", _("Female")


class RightKind(models.TextChoices):
    INVENTION = "invention", _("Invention patent")
    UTILITY = "utility", _("Utility-model patent")
    DESIGN = "design", _("Design patent")
    TRADEMARK = "trademark", _("Trademark")
    COPYRIGHT = "copyright", _("Copyright")
    GI = "gi", _("Geographical indication")
    PLANT_VARIETY = "plant_variety", _("Plant variety")


PATENT_KINDS = (RightKind.INVENTION, RightKind.UTILITY, RightKind.DESIGN)


class RightStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    VALID = "valid", _("Valid")
    EXPIRED = "expired", pgettext_lazy("right status", "Expired")
    INVALIDATED = "invalidated", _("Invalidated or revoked")


class GIRegime(models.TextChoices):
    PROTECTED_PRODUCT = "product", _("GI-protected product")
    TRADEMARK = "trademark", _("GI certification or collective mark")
    AGRICULTURAL = "agricultural", _("Agricultural-product GI")


class HolderRole(models.TextChoices):
    OWNER = "owner", _("Owner")
    APPLICANT = "applicant", _("Applicant")
    LICENSEE = "licensee", _("Exclusive licensee")

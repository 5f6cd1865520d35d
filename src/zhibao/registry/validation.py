"""Field rules shared by forms, the API and imports (all reach them through full_clean)."""
import re

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

_MARKUP = re.compile(r"<\s*[a-zA-Z/!?]|javascript\s*:|\bon[a-z]+\s*=", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PHONE = re.compile(r"^[0-9+\-() ]{5,20}$")


def plain_text(value: str) -> None:
    """Names, titles and addresses are plain text: markup and control characters are refused."""
    if not value:
        return
    if _MARKUP.search(value):
        raise ValidationError(_("HTML tags and scripts are not allowed here; enter plain text."), code="markup")
    if _CONTROL.search(value):
        raise ValidationError(_("This text contains invisible control characters; please retype it."),
                              code="control")


def phone(value: str) -> None:
    if value and not _PHONE.match(value):
        raise ValidationError(_("A phone number may contain only digits, spaces, +, - and brackets (5 to 20)."),
                              code="phone")


def not_in_future(value) -> None:
    if value and value > timezone.localdate():
        raise ValidationError(_("This date is in the future."), code="future")


def clean_nice_classes(value: str) -> str:
    """Normalize '7, 42 ,9' to '7,9,42'; every class is 1 to 45."""
    parts = [p for p in re.split(r"[,，;；\s]+", value or "") if p]
    classes = []
    for part in parts:
        if not part.isdigit() or not 1 <= int(part) <= 45:
            raise ValidationError(_("Nice classes are numbers from 1 to 45; %(value)s is not one."),
                                  code="nice", params={"value": part})
        classes.append(int(part))
    return ",".join(str(c) for c in sorted(set(classes)))


_TRADEMARK_NUMBER = re.compile(r"^[0-9]{1,9}$")
_PLANT_VARIETY = re.compile(r"^CNA\d{8,9}(\.[\dX])?$|^\d{8,12}(\.[\dX])?$")


def clean_entity(entity) -> None:
    from .codes import clean_uscc

    errors = {}
    try:
        entity.uscc = clean_uscc(entity.uscc)
    except ValidationError as exc:
        errors["uscc"] = exc.messages
    if errors:
        raise ValidationError(errors)


def clean_organization(org) -> None:
    from .codes import clean_uscc

    errors = {}
    if org.uscc:
        try:
            org.uscc = clean_uscc(org.uscc)
        except ValidationError as exc:
            errors["uscc"] = exc.messages
    else:
        org.uscc = None
    if org.pk and org.parent_id == org.pk:
        errors["parent"] = [_("A body cannot be its own parent body.")]
    if errors:
        raise ValidationError(errors)


def clean_person(person) -> None:
    from stdnum.cn import ric

    from .codes import clean_id_number

    if not person.id_number:
        person.id_number = None
        return
    try:
        person.id_number = clean_id_number(person.id_number)
    except ValidationError as exc:
        raise ValidationError({"id_number": exc.messages}) from None
    born = ric.get_birth_date(person.id_number)
    if person.birth_date and person.birth_date != born:
        raise ValidationError({"birth_date": _("The date of birth differs from the one in the ID number (%(date)s).")
                               % {"date": born.isoformat()}})
    if born > timezone.localdate():
        raise ValidationError({"id_number": _("The date of birth in this ID number is in the future.")})
    person.birth_date = born
    sex = "M" if int(person.id_number[16]) % 2 else "F"
    if person.gender and person.gender != sex:
        raise ValidationError({"gender": _("The gender differs from the one in the ID number.")})
    person.gender = sex


def clean_right(right) -> None:
    """Number formats per kind, fields that belong to one kind only, and date order."""
    from .choices import PATENT_KINDS, RightKind
    from .codes import clean_patent_number

    errors: dict[str, list] = {}

    def add(field, message):
        errors.setdefault(field, []).append(message)

    right.number = (right.number or "").strip().upper()
    try:
        if right.kind in PATENT_KINDS:
            right.number = clean_patent_number(right.number, right.kind)
        elif right.kind == RightKind.TRADEMARK and not _TRADEMARK_NUMBER.match(right.number):
            add("number", _("A trademark registration number has 1 to 9 digits."))
        elif right.kind == RightKind.PLANT_VARIETY and not _PLANT_VARIETY.match(right.number):
            add("number", _("A plant variety right number looks like CNA20201234.5 or 20201234."))
        elif right.number:
            plain_text(right.number)
    except ValidationError as exc:
        errors.setdefault("number", []).extend(exc.messages)
    if right.kind == RightKind.TRADEMARK:
        try:
            right.nice_classes = clean_nice_classes(right.nice_classes)
        except ValidationError as exc:
            errors.setdefault("nice_classes", []).extend(exc.messages)
        if not right.nice_classes and "nice_classes" not in errors:
            add("nice_classes", _("A trademark needs at least one Nice class."))
    elif right.nice_classes:
        add("nice_classes", _("Only trademarks have Nice classes."))
    if right.kind != RightKind.GI and (right.gi_regime or right.protected_area):
        add("gi_regime", _("Only geographical indications have a GI regime and a protected area."))
    if right.kind == RightKind.GI and not right.gi_regime:
        add("gi_regime", _("Choose the GI regime (protected product, certification mark or agricultural GI)."))
    if right.kind not in PATENT_KINDS and right.ipc_classes:
        add("ipc_classes", _("Only patents have IPC classes."))
    if right.application_date and right.grant_date and right.grant_date < right.application_date:
        add("grant_date", _("The grant date cannot be before the application date."))
    start = right.grant_date or right.application_date
    if right.expiry_date and start and right.expiry_date < start:
        add("expiry_date", _("The expiry date cannot be before the grant or application date."))
    if errors:
        raise ValidationError(errors)


def clean_holder(holder) -> None:
    if bool(holder.entity_id) == bool(holder.person_id):
        raise ValidationError(_("A holder is either a market entity or a person, not both and not neither."))

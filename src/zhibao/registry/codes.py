"""Check and make the national codes: USCC (GB 32100) and resident ID numbers (GB 11643).

Checking is python-stdnum's; this module turns its exceptions into messages a user
can act on, and builds valid codes for demo data and tests.
"""
import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import exceptions as stdnum_errors
from stdnum.cn import ric, uscc

_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def clean_uscc(value: str) -> str:
    """The compact, upper-case code, or ValidationError saying what is wrong with it."""
    code = uscc.compact(value or "")
    if not code:
        raise ValidationError(_("Enter the unified social credit code."), code="required")
    try:
        return uscc.validate(code)
    except stdnum_errors.InvalidLength:
        raise ValidationError(
            _("A unified social credit code has 18 characters; this one has %(n)d."), code="length",
            params={"n": len(code)},
        ) from None
    except stdnum_errors.InvalidChecksum:
        raise ValidationError(
            _("The check character of this unified social credit code is wrong; please check the code."),
            code="checksum",
        ) from None
    except stdnum_errors.ValidationError:
        raise ValidationError(
            _("This is not a unified social credit code: it may contain only digits and the letters "
              "A–H, J–N, P–R, T, U, W–Y, with a valid registration authority and region code."),
            code="format",
        ) from None


def clean_id_number(value: str) -> str:
    """A valid 18-digit resident ID number, or ValidationError."""
    number = ric.compact(value or "")
    try:
        return ric.validate(number)
    except stdnum_errors.InvalidLength:
        raise ValidationError(
            _("A resident ID number has 18 characters; this one has %(n)d."), code="length",
            params={"n": len(number)},
        ) from None
    except stdnum_errors.InvalidChecksum:
        raise ValidationError(_("The check digit of this resident ID number is wrong."), code="checksum") from None
    except stdnum_errors.ValidationError:
        raise ValidationError(
            _("This is not a valid resident ID number (region code or date of birth is impossible)."),
            code="format",
        ) from None


def make_uscc(region: str, serial: int, authority: str = "9", kind: str = "1") -> str:
    """A valid USCC for a region code (6 digits) and a serial number, deterministic."""
    body = []
    n = serial
    for _digit in range(9):
        n, r = divmod(n, len(_USCC_ALPHABET))
        body.append(_USCC_ALPHABET[r])
    # The 9-character organization code has its own check character (GB 11714).
    org = "".join(reversed(body))[1:]
    org += _gb11714_check(org)
    code = authority + kind + region + org
    return code + uscc.calc_check_digit(code)


def _gb11714_check(first8: str) -> str:
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    total = sum(alphabet.index(c) * w for c, w in zip(first8, weights))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def make_id_number(region: str, birth: date, serial: int) -> str:
    """A resident ID number for a region, date of birth and serial, with a valid check digit.

    python-stdnum also checks that the region code existed in the year of birth: callers
    making demo data pick a birth year after the region's code was created (or check
    `stdnum.cn.ric.is_valid`)."""
    body = f"{region}{birth:%Y%m%d}{serial % 999 + 1:03d}"
    return body + ric.calc_check_digit(body + "0")  # stdnum expects a placeholder check digit


# -- Patent numbers (CNIPA application/patent numbers) -----------------------------------

_PATENT = re.compile(r"^(?:ZL|CN)?(\d{4})([1-389])(\d{7})\.?([0-9X])$")
_PATENT_OLD = re.compile(r"^(?:ZL|CN)?(\d{2})([1-389])(\d{5})\.?([0-9X])$")
PATENT_TYPE_DIGITS = {"invention": "18", "utility": "29", "design": "3"}


def patent_check_digit(digits: str) -> str:
    """CNIPA check character: weights 2..9 repeating over the digits, sum mod 11, 10 → X."""
    weights = (2, 3, 4, 5, 6, 7, 8, 9)
    total = sum(int(d) * weights[i % 8] for i, d in enumerate(digits))
    check = total % 11
    return "X" if check == 10 else str(check)


def clean_patent_number(value: str, kind: str) -> str:
    """The canonical form ZL<12 digits>.<check> (or ZL<8 digits>.<check> before 2003)."""
    compact = re.sub(r"[\s\-]", "", value or "").upper()
    match = _PATENT.match(compact) or _PATENT_OLD.match(compact)
    if not match:
        raise ValidationError(
            _("A patent number looks like ZL201810123456.7: ZL, the year, the type digit, "
              "the serial number, a dot and the check character."),
            code="format",
        )
    year, type_digit, serial, check = match.groups()
    digits = year + type_digit + serial
    if check != patent_check_digit(digits):
        raise ValidationError(
            _("The check character of patent number %(number)s is wrong (it should be %(check)s)."),
            code="checksum", params={"number": value, "check": patent_check_digit(digits)},
        )
    if kind in PATENT_TYPE_DIGITS and type_digit not in PATENT_TYPE_DIGITS[kind]:
        raise ValidationError(
            _("Patent number %(number)s is not of the chosen kind: its type digit is %(digit)s."),
            code="kind", params={"number": value, "digit": type_digit},
        )
    return f"ZL{digits}.{check}"


def make_patent_number(year: int, kind: str, serial: int) -> str:
    digits = f"{year:04d}{PATENT_TYPE_DIGITS[kind][0]}{serial % 10_000_000:07d}"
    return f"ZL{digits}.{patent_check_digit(digits)}"

"""Masking personal data for lists, exports and anyone without the right to see it in full."""


def name(value: str) -> str:
    """张三丰 → 张**; keeps the family name only."""
    if not value:
        return ""
    return value[0] + "*" * min(len(value) - 1, 3) if len(value) > 1 else "*"


def id_number(value: str | None) -> str:
    """610113198503040175 → 6101**********0175."""
    if not value:
        return ""
    return value[:4] + "*" * (len(value) - 8) + value[-4:] if len(value) > 8 else "*" * len(value)


def phone(value: str) -> str:
    """13912345678 → 139****5678."""
    if not value:
        return ""
    digits = value.strip()
    return digits[:3] + "*" * max(len(digits) - 7, 1) + digits[-4:] if len(digits) > 7 else "*" * len(digits)


def address(value: str) -> str:
    """Keep up to the district or first 6 characters; hide the street and number."""
    if not value:
        return ""
    for marker in ("区", "县"):
        cut = value.find(marker)
        if 0 <= cut < 12:
            return value[: cut + 1] + "****"
    return value[:6] + "****"


def person(p) -> dict:
    """The personal fields of a Person, masked."""
    return {
        "name": name(p.name), "id_number": id_number(p.id_number),
        "phone": phone(p.phone), "address": address(p.address),
    }

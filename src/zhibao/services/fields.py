"""Technical fields of experts and requests: IPC symbols and industry sections.

IPC symbols are written as a section, class, subclass or group: "H", "H04", "H04L",
"H04L 9/00", "H04L 9/32". Lists are separated by commas, semicolons or 、. Two symbols
match when one is a prefix of the other (ignoring spaces; a main group such as H04L 9/00
stands for all its subgroups): an expert in H04L covers a request for H04L 9/32, and a
request for the whole class H04 is covered by an expert in H04L. Industries are GB/T 4754 section letters (A–T).
"""
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from zhibao.registry.choices import Industry

_SEPARATORS = re.compile(r"[,，;；、\n]+")
_IPC = re.compile(r"^([A-H])(?:(\d{2})(?:([A-Z])(?:(\d{1,4})(?:/(\d{1,6}))?)?)?)?$")


def _normalize_ipc(raw: str) -> str:
    compact = re.sub(r"\s+", "", raw.upper())
    match = _IPC.match(compact)
    if not match:
        raise ValidationError(_("“%(value)s” is not an IPC symbol (for example H04L, or B23Q 11/12)."),
                              code="ipc", params={"value": raw.strip()})
    section, klass, subclass, group, subgroup = match.groups()
    text = section + (klass or "") + (subclass or "")
    if group:
        text += f" {group}" + (f"/{subgroup}" if subgroup else "")
    return text


def parse_ipc(text: str) -> list[str]:
    """The IPC symbols in `text`, normalized and without repeats; ValidationError names a bad one."""
    out: list[str] = []
    problems = []
    for part in _SEPARATORS.split(text or ""):
        if not part.strip():
            continue
        try:
            symbol = _normalize_ipc(part)
        except ValidationError as exc:
            problems.extend(exc.messages)
            continue
        if symbol not in out:
            out.append(symbol)
    if problems:
        raise ValidationError(problems, code="ipc")
    return out


def parse_industries(text: str) -> list[str]:
    out: list[str] = []
    for part in re.split(r"[\s,，;；、]+", (text or "").upper()):
        if not part:
            continue
        if part not in Industry.values:
            raise ValidationError(_("“%(value)s” is not a GB/T 4754 section; use letters A to T."),
                                  code="industry", params={"value": part})
        if part not in out:
            out.append(part)
    return out


def ipc_prefixes(symbol: str) -> list[str]:
    """The broader symbols that cover `symbol`: "H04L 9/32" → ["H", "H04", "H04L", "H04L 9"]."""
    match = _IPC.match(symbol.replace(" ", ""))
    if not match:
        return []
    section, klass, subclass, group, subgroup = match.groups()
    out = [section]
    if klass:
        out.append(section + klass)
    if subclass:
        out.append(section + klass + subclass)
    if group and subgroup:
        out.append(f"{section}{klass}{subclass} {group}")
    return [p for p in out if p != symbol]


def _compact(symbol: str) -> str:
    """For matching: no spaces, and a main group (9/00) stands for all its subgroups (9)."""
    compact = symbol.replace(" ", "")
    return compact[:-3] if compact.endswith("/00") else compact


def covers(broad: str, narrow: str) -> bool:
    """Whether the IPC symbol `broad` is `narrow` or one of its ancestors (H04L covers H04L 9/32;
    H04L 9 does not cover H04L 91/00)."""
    cb, cn = _compact(broad), _compact(narrow)
    if not cn.startswith(cb):
        return False
    if len(cn) == len(cb):
        return True
    return not (cb[-1].isdigit() and cn[len(cb)].isdigit())


def ipc_overlap(have: list[str], wanted: list[str]) -> list[str]:
    """The wanted symbols that one of `have` covers, or that cover one of `have`."""
    return [w for w in wanted if any(covers(h, w) or covers(w, h) for h in have)]


def qualified(expert_ipc: str, expert_industries: str, wanted_ipc: list[str], wanted_industries: list[str]) -> bool:
    """An expert qualifies when the request names no field, or when at least one of the
    requested IPC symbols or industries is among the expert's fields."""
    if not wanted_ipc and not wanted_industries:
        return True
    have_ipc = [s.strip() for s in _SEPARATORS.split(expert_ipc or "") if s.strip()]
    if wanted_ipc and ipc_overlap(have_ipc, wanted_ipc):
        return True
    have_industries = set(re.split(r"[\s,]+", expert_industries or ""))
    return bool(set(wanted_industries) & have_industries)

"""Rate limits of the public pages, counted in Django's cache (locmem by default, Redis or
another shared cache in production so that every server process counts together).

A limit is a number of hits per window, per key (the client address, a case number). The
window starts at the first hit: `cache.add` sets the counter with its expiry only if it is
absent, then `incr` counts atomically on shared caches.

The client address is REMOTE_ADDR: behind a reverse proxy, the proxy must pass the real
address (e.g. nginx's real_ip module); a header the client can forge is not trusted here.
"""
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache


@dataclass(frozen=True)
class Limit:
    name: str
    count: int
    seconds: int

    def _key(self, key: str) -> str:
        digest = hashlib.sha256(key.encode()).hexdigest()[:32]
        return f"portal:limit:{self.name}:{digest}"

    def exceeded(self, key: str) -> bool:
        return (cache.get(self._key(key)) or 0) >= self.count

    def hit(self, key: str) -> None:
        k = self._key(key)
        cache.add(k, 0, self.seconds)
        try:
            cache.incr(k)
        except ValueError:  # expired between add and incr
            cache.set(k, 1, self.seconds)

    def clear(self, key: str) -> None:
        cache.delete(self._key(key))


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def submissions() -> Limit:
    """Reports and complaints accepted from one address."""
    return Limit("submit", _setting("ZHIBAO_PORTAL_SUBMISSIONS_PER_HOUR", 5), 3600)


def follow_failures() -> Limit:
    """Wrong tracking numbers or check codes from one address."""
    return Limit("follow", _setting("ZHIBAO_PORTAL_FOLLOW_FAILURES", 5), 15 * 60)


def follow_failures_per_case() -> Limit:
    """Wrong check codes for one tracking number, from any address (guessing spread over many)."""
    return Limit("follow-case", _setting("ZHIBAO_PORTAL_FOLLOW_FAILURES_PER_CASE", 20), 3600)


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR") or "unknown"

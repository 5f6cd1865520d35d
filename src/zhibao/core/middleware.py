"""Request-level plumbing that every page and API call shares."""
from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from . import request_id


class RequestIdMiddleware:
    """Give each request an id (kept from X-Request-ID if sent), echo it, audit with it."""

    header = "HTTP_X_REQUEST_ID"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with request_id.bind(request.META.get(self.header)) as rid:
            request.request_id = rid
            response = self.get_response(request)
            response["X-Request-ID"] = rid
            return response


class LanguageMiddleware(LocaleMiddleware):
    """Pages are in Chinese unless the user chose English with the switch (the language cookie);
    the browser's Accept-Language is ignored there, so an officer on an English-language browser
    still gets the platform in Chinese. API clients choose with Accept-Language (docs/api.md)."""

    def process_request(self, request):
        if request.path_info.startswith("/api/"):
            language = translation.get_language_from_request(request)
        else:
            language = _supported(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)) or settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


def _supported(code: str | None) -> str | None:
    if not code:
        return None
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return None

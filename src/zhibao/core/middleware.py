"""Request-level plumbing that every page and API call shares."""
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

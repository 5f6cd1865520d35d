"""Accept `Authorization: Bearer <token>` on API requests."""
from .models import APIToken


class BearerTokenMiddleware:
    """Sign the request in as the token's user, so pages, API and audit see the same user.

    A request with a bearer header is not a browser session: CSRF does not apply to it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if header[:7].lower() == "bearer ":
            key = header[7:].strip()
            user = APIToken.authenticate(key)
            request.bearer_authenticated = user is not None
            if user is not None:
                request.user = user
                request._dont_enforce_csrf_checks = True
        return self.get_response(request)

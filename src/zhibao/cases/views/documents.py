"""Case documents pages."""
urlpatterns = []


def panel_context(case, request):
    return {}

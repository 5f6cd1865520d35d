"""Case documents pages."""
urlpatterns = []

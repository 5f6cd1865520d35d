"""Case pages pages."""
urlpatterns = []

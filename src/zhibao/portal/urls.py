"""Pages of public portal under /portal/."""
app_name = "portal"
urlpatterns = []

"""Pages of indicators under /cockpit/."""
app_name = "indicators"
urlpatterns = []

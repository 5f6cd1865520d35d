"""Pages of evidence under /evidence/."""
app_name = "evidence"
urlpatterns = []

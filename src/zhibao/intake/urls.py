"""Pages of intake under /intake/."""
app_name = "intake"
urlpatterns = []

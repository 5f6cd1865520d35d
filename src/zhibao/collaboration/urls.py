"""Pages of collaboration under /collaboration/."""
app_name = "collaboration"
urlpatterns = []

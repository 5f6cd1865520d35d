"""Pages of cases under /cases/: each area's module under views/ contributes its urlpatterns."""
from .views import documents, pages

app_name = "cases"
urlpatterns = [*pages.urlpatterns, *documents.urlpatterns]

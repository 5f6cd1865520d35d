"""Pages of evidence under /evidence/."""
from django.urls import path

from . import views

app_name = "evidence"
urlpatterns = [
    path("case/<int:case_pk>/", views.case_evidence, name="case"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/custody/", views.custody_add, name="custody"),
    path("<int:pk>/check/", views.check, name="check"),
    path("<int:pk>/download/", views.download, name="download"),
]

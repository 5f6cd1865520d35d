"""The audit log browser and the personal-data view log."""
from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("", views.LogList.as_view(), name="log_list"),
    path("<int:pk>/", views.log_detail, name="log_detail"),
    path("personal-views/", views.PersonalViewList.as_view(), name="personal_views"),
]

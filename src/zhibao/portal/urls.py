"""Pages of the public portal under /portal/ (no account needed)."""
from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("privacy/", views.privacy, name="privacy"),
    path("report/", views.report, name="report"),
    path("complaint/", views.complaint, name="complaint"),
    path("receipt/", views.receipt, name="receipt"),
    path("follow/", views.follow, name="follow"),
    path("surveys/", views.surveys, name="surveys"),
    path("reply/<int:pk>/", views.reply, name="reply"),
]

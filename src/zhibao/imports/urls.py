from django.urls import path

from . import views

app_name = "imports"
urlpatterns = [
    path("", views.upload, name="list"),
    path("template/<slug:record_type>.xlsx", views.template, name="template"),
    path("<int:pk>/confirm/", views.confirm, name="confirm"),
]

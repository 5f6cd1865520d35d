"""Case pages, one module per area; each module's `urlpatterns` is mounted by cases/urls.py."""

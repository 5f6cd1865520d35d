"""Registry pages: lists, record pages and forms (see views.py)."""
from django.urls import path

from . import views

app_name = "registry"
urlpatterns = [
    path("entities/", views.EntityList.as_view(), name="entity_list"),
    path("entities/new/", views.entity_create, name="entity_create"),
    path("entities/lookup/", views.entity_lookup, name="entity_lookup"),
    path("entities/<int:pk>/", views.entity_detail, name="entity_detail"),
    path("entities/<int:pk>/edit/", views.entity_edit, name="entity_edit"),
    path("rights/", views.RightList.as_view(), name="right_list"),
    path("rights/new/", views.right_create, name="right_create"),
    path("rights/<int:pk>/", views.right_detail, name="right_detail"),
    path("rights/<int:pk>/edit/", views.right_edit, name="right_edit"),
    path("rights/<int:pk>/holders/", views.holder_add, name="holder_add"),
    path("rights/<int:pk>/holders/<int:holder_pk>/remove/", views.holder_remove, name="holder_remove"),
    path("rights/<int:pk>/gi-users/", views.gi_user_add, name="gi_user_add"),
    path("rights/<int:pk>/gi-users/<int:auth_pk>/", views.gi_user_edit, name="gi_user_edit"),
    path("rights/<int:pk>/gi-users/<int:auth_pk>/remove/", views.gi_user_remove, name="gi_user_remove"),
    path("persons/", views.PersonList.as_view(), name="person_list"),
    path("persons/new/", views.person_create, name="person_create"),
    path("persons/<int:pk>/", views.person_detail, name="person_detail"),
    path("persons/<int:pk>/full/", views.person_full, name="person_full"),
    path("persons/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("organizations/", views.OrganizationList.as_view(), name="organization_list"),
    path("organizations/new/", views.organization_create, name="organization_create"),
    path("organizations/<int:pk>/", views.organization_detail, name="organization_detail"),
    path("organizations/<int:pk>/edit/", views.organization_edit, name="organization_edit"),
    path("districts/", views.DistrictList.as_view(), name="district_list"),
    path("zones/", views.ZoneList.as_view(), name="zone_list"),
]

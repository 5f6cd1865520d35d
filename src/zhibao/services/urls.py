"""Pages of the service network under /services/."""
from django.urls import path

from .views import stations

app_name = "services"
urlpatterns = [
    path("workstations/", stations.WorkstationList.as_view(), name="workstation_list"),
    path("workstations/new/", stations.workstation_create, name="workstation_create"),
    path("workstations/<int:pk>/", stations.workstation_detail, name="workstation_detail"),
    path("workstations/<int:pk>/edit/", stations.workstation_edit, name="workstation_edit"),
    path("workstations/<int:pk>/contacts/", stations.contact_add, name="contact_add"),
    path("workstations/<int:pk>/contacts/<int:contact_pk>/remove/", stations.contact_remove, name="contact_remove"),
    path("records/", stations.ServiceRecordList.as_view(), name="record_list"),
    path("records/new/", stations.record_create, name="record_create"),
    path("records/<int:pk>/", stations.record_detail, name="record_detail"),
    path("records/<int:pk>/edit/", stations.record_edit, name="record_edit"),
    path("records/<int:pk>/open-case/", stations.record_open_case, name="record_open_case"),
]

"""Pages of the service network under /services/."""
from django.urls import path

from .views import experts, stations

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
    path("experts/", experts.ExpertList.as_view(), name="expert_list"),
    path("experts/new/", experts.expert_create, name="expert_create"),
    path("experts/<int:pk>/", experts.expert_detail, name="expert_detail"),
    path("experts/<int:pk>/edit/", experts.expert_edit, name="expert_edit"),
    path("experts/<int:pk>/appointments/", experts.appointment_add, name="appointment_add"),
    path("experts/<int:pk>/appointments/<int:appointment_pk>/end/", experts.appointment_end, name="appointment_end"),
    path("experts/<int:pk>/unavailable/", experts.unavailability_add, name="unavailability_add"),
    path("experts/<int:pk>/ties/", experts.tie_add, name="tie_add"),
    path("experts/<int:pk>/ties/<int:tie_pk>/remove/", experts.tie_remove, name="tie_remove"),
    path("draws/", experts.DrawList.as_view(), name="draw_list"),
    path("draws/new/", experts.draw_create, name="draw_create"),
    path("draws/<int:pk>/", experts.draw_detail, name="draw_detail"),
    path("picks/<int:pk>/recuse/", experts.pick_recuse, name="pick_recuse"),
    path("picks/<int:pick_pk>/opinion/", experts.opinion_create, name="opinion_create"),
    path("opinions/<int:pk>/", experts.opinion_detail, name="opinion_detail"),
    path("opinions/<int:pk>/edit/", experts.opinion_edit, name="opinion_edit"),
    path("my/", experts.my_assignments, name="my_assignments"),
]

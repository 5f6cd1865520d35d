"""Pages of collaboration under /collaboration/."""
from django.urls import path

from .views import joint, transfers

app_name = "collaboration"
urlpatterns = [
    path("", transfers.TransferList.as_view(), name="transfer_list"),
    path("transfers/new/", transfers.transfer_create, name="transfer_create"),
    path("transfers/<int:pk>/", transfers.transfer_detail, name="transfer_detail"),
    path("transfers/<int:pk>/case/", transfers.transfer_case, name="transfer_case"),
    path("transfers/<int:pk>/acknowledge/", transfers.transfer_acknowledge, name="transfer_acknowledge"),
    path("transfers/<int:pk>/outcome/", transfers.transfer_outcome, name="transfer_outcome"),
    path("transfers/<int:pk>/recognize/", transfers.transfer_recognize, name="transfer_recognize"),
    path("assistance/", joint.AssistanceList.as_view(), name="assistance_list"),
    path("assistance/new/", joint.assistance_create, name="assistance_create"),
    path("assistance/<int:pk>/", joint.assistance_detail, name="assistance_detail"),
    path("assistance/<int:pk>/reply/", joint.assistance_reply, name="assistance_reply"),
    path("operations/", joint.OperationList.as_view(), name="operation_list"),
    path("operations/new/", joint.operation_edit, name="operation_create"),
    path("operations/<int:pk>/", joint.operation_detail, name="operation_detail"),
    path("operations/<int:pk>/edit/", joint.operation_edit, name="operation_edit"),
    path("operations/<int:pk>/cases/", joint.operation_case_add, name="operation_case_add"),
    path("operations/<int:pk>/cases/<int:case_pk>/remove/", joint.operation_case_remove, name="operation_case_remove"),
    path("meetings/", joint.MeetingList.as_view(), name="meeting_list"),
    path("meetings/new/", joint.meeting_edit, name="meeting_create"),
    path("meetings/<int:pk>/", joint.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", joint.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/<str:what>/", joint.meeting_add, name="meeting_add"),
    path("meetings/<int:pk>/decisions/<int:decision_pk>/done/", joint.decision_done, name="decision_done"),
]

from django.urls import path

from . import views

app_name = "calendar"
urlpatterns = [
    path("deadline/", views.deadline, name="deadline"),
    path("schedules/", views.schedule_list, name="schedule_list"),
    path("schedules/enter/", views.schedule_enter, name="schedule_enter"),
    path("schedules/<int:year>/", views.schedule_detail, name="schedule_detail"),
    path("schedules/<int:year>/withdraw/", views.schedule_withdraw, name="schedule_withdraw"),
]

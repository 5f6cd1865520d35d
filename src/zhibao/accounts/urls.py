"""Account administration pages (sign-in and sign-out are mounted by the project's urls.py)."""
from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("users/", views.UserList.as_view(), name="user_list"),
    path("users/new/", views.user_create, name="user_create"),
    path("users/<int:pk>/", views.user_detail, name="user_detail"),
    path("users/<int:pk>/edit/", views.user_edit, name="user_edit"),
    path("users/<int:pk>/active/", views.user_active, name="user_active"),
    path("users/<int:pk>/password/", views.user_password, name="user_password"),
    path("users/<int:pk>/unlock/", views.user_unlock, name="user_unlock"),
    path("tokens/", views.TokenList.as_view(), name="token_list"),
    path("tokens/new/", views.token_issue, name="token_issue"),
    path("tokens/<int:pk>/", views.token_detail, name="token_detail"),
]

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "zhibao.api"
    label = "api"
    verbose_name = "API"

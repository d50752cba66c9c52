from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "ctassist.api"
    label = "api"
    verbose_name = "API"

from django.apps import AppConfig


class CouplesConfig(AppConfig):
    name = "nearer.web.couples"
    label = "couples"
    default_auto_field = "django.db.models.BigAutoField"

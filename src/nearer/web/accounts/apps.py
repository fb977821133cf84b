from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "nearer.web.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from nearer.web.accounts import events

        events.connect()

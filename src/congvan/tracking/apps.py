from django.apps import AppConfig
from django.db.models.signals import post_migrate


class TrackingConfig(AppConfig):
    name = "congvan.tracking"
    label = "tracking"
    verbose_name = "Theo dõi thực hiện"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from congvan.tracking.roles import ensure_roles

        post_migrate.connect(ensure_roles, dispatch_uid="congvan.tracking.roles")

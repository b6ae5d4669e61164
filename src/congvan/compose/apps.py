from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save


class ComposeConfig(AppConfig):
    name = "congvan.compose"
    label = "compose"
    verbose_name = "Soạn thảo, phát hành văn bản"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib.auth.models import Group

        from congvan.compose.roles import grant_new_group, grant_roles

        post_migrate.connect(grant_roles, dispatch_uid="congvan.compose.roles")
        post_save.connect(grant_new_group, sender=Group, dispatch_uid="congvan.compose.group")

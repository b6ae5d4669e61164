from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "congvan.registry"
    label = "registry"
    verbose_name = "Sổ văn bản"
    default_auto_field = "django.db.models.BigAutoField"

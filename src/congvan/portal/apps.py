from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "congvan.portal"
    label = "portal"
    verbose_name = "Cổng công khai văn bản"
    default_auto_field = "django.db.models.BigAutoField"

from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "congvan.exchange"
    label = "exchange"
    verbose_name = "Liên thông văn bản (edXML)"
    default_auto_field = "django.db.models.BigAutoField"

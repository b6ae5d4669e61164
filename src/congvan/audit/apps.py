from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "congvan.audit"
    label = "audit"
    verbose_name = "Nhật ký kiểm tra"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from congvan.audit import signals

        signals.connect()
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from congvan.audit import ratelimit

        user_login_failed.connect(ratelimit.on_login_failed, dispatch_uid="congvan.audit.failed")
        user_logged_in.connect(ratelimit.on_logged_in, dispatch_uid="congvan.audit.logged_in")

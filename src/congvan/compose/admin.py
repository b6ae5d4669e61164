from django.contrib import admin

from congvan.compose.models import Dispatch, Version


@admin.register(Dispatch)
class DispatchAdmin(admin.ModelAdmin):
    list_display = ("id", "__str__", "status", "version", "updated_at")
    list_filter = ("status",)
    readonly_fields = ("created_at", "updated_at")


@admin.register(Version)
class VersionAdmin(admin.ModelAdmin):
    """Issued versions are frozen: shown, never changed."""

    list_display = ("dispatch", "version", "__str__", "issued_on", "register_number")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

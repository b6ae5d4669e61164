from django.contrib import admin

from congvan.portal.models import Publication


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ["document", "published_at", "published_by"]
    raw_id_fields = ["document"]

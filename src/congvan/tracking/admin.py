from django.contrib import admin

from congvan.tracking.models import (
    Campaign,
    Distribution,
    InboxEntry,
    Membership,
    Metric,
    Organisation,
    OrganisationGroup,
    Report,
    Task,
)
from congvan.tracking.tally import keeping


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "email", "active"]
    list_filter = ["kind", "active", "groups"]
    search_fields = ["name", "short_name", "aliases"]


@admin.register(OrganisationGroup)
class OrganisationGroupAdmin(admin.ModelAdmin):
    list_display = ["name"]
    filter_horizontal = ["members"]
    search_fields = ["name", "aliases"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation"]
    raw_id_fields = ["user"]


class MetricInline(admin.TabularInline):
    model = Metric
    extra = 1


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MetricInline]


class KeepingTallies:
    """Changes made here keep the campaign tallies exact, as the service functions do."""

    @staticmethod
    def distribution_of(obj):
        return obj.pk if isinstance(obj, Distribution) else obj.distribution_id

    def save_model(self, request, obj, form, change):
        if isinstance(obj, Distribution):  # its entries and campaigns: in save_related
            return super().save_model(request, obj, form, change)
        with keeping(self.distribution_of(obj)):
            super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        with keeping(self.distribution_of(form.instance)):
            super().save_related(request, form, formsets, change)

    def delete_model(self, request, obj):
        with keeping(self.distribution_of(obj)):
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


class EntryInline(admin.TabularInline):
    model = InboxEntry
    extra = 0
    fields = ["organisation", "delivered_at", "received_at", "received_by"]
    readonly_fields = ["delivered_at", "received_at", "received_by"]


@admin.register(Distribution)
class DistributionAdmin(KeepingTallies, admin.ModelAdmin):
    list_display = ["document", "mode", "sender", "created_at"]
    raw_id_fields = ["document"]
    inlines = [EntryInline]


@admin.register(Task)
class TaskAdmin(KeepingTallies, admin.ModelAdmin):
    list_display = ["distribution", "label", "organisation", "status", "deadline"]
    list_filter = ["status", "deadline_source"]
    raw_id_fields = ["distribution"]


@admin.register(Report)
class ReportAdmin(KeepingTallies, admin.ModelAdmin):
    list_display = ["task", "submitted_by", "submitted_at"]
    raw_id_fields = ["task"]

    @staticmethod
    def distribution_of(obj):
        return obj.task.distribution_id

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


class EntryInline(admin.TabularInline):
    model = InboxEntry
    extra = 0
    fields = ["organisation", "delivered_at", "received_at", "received_by"]
    readonly_fields = ["delivered_at", "received_at", "received_by"]


@admin.register(Distribution)
class DistributionAdmin(admin.ModelAdmin):
    list_display = ["document", "mode", "sender", "created_at"]
    raw_id_fields = ["document"]
    inlines = [EntryInline]


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ["distribution", "label", "organisation", "status", "deadline"]
    list_filter = ["status", "deadline_source"]
    raw_id_fields = ["distribution"]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["task", "submitted_by", "submitted_at"]
    raw_id_fields = ["task"]

from django.contrib import admin

from congvan.registry import search
from congvan.registry.models import Citation, Document, Entry, Register


class CitationInline(admin.TabularInline):
    model = Citation
    fk_name = "source"
    extra = 0
    fields = ["position", "kind", "number", "notation", "date", "issuer", "target"]
    raw_id_fields = ["target"]


class EntryInline(admin.TabularInline):
    model = Entry
    extra = 0
    fields = ["register", "year", "number", "entered_on"]
    readonly_fields = ["register", "year", "number"]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["id", "kind", "number", "notation", "date", "issuer_name", "subject"]
    list_filter = ["kind", "year"]
    search_fields = ["number", "notation", "subject", "issuer_name"]
    readonly_fields = ["sha256", "size", "content_type", "original_name", "created_at"]
    exclude = ["issuer_key", "parent_key", "code_key", "year", "issued_on"]
    inlines = [EntryInline, CitationInline]

    def save_model(self, request, obj, form, change):
        # keep the search index in step: out with what was indexed, in with the new fields
        from congvan.registry.keys import code_key, first_day, issuer_key, parent_key, year_of

        if change:
            search.remove_document(Document.objects.get(pk=obj.pk))
        obj.year = year_of(obj.date, obj.notation)
        obj.issued_on = first_day(obj.date)
        obj.issuer_key = issuer_key(obj.issuer_name)
        obj.parent_key = parent_key(obj.issuer_parent)
        obj.code_key = code_key(obj.number, obj.notation)
        super().save_model(request, obj, form, change)
        search.index_document(obj)

    def delete_model(self, request, obj):
        search.remove_document(obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            search.remove_document(obj)
        super().delete_queryset(request, queryset)


@admin.register(Register)
class RegisterAdmin(admin.ModelAdmin):
    list_display = ["name", "direction"]


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = ["register", "year", "number", "entered_on", "document"]
    list_filter = ["register", "year"]
    raw_id_fields = ["document"]

"""Serializers of the API: the same records the pages show, field names in English."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from typing import ClassVar

from django.urls import reverse
from rest_framework import serializers

from congvan.api.fields import Id, RowId, Text
from congvan.portal.models import Publication
from congvan.registry.models import Document
from congvan.tracking.models import (
    Attachment,
    Campaign,
    Distribution,
    InboxEntry,
    Metric,
    Organisation,
    Report,
    Task,
)


class OrganisationSerializer(serializers.ModelSerializer):
    groups = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")

    class Meta:
        model = Organisation
        fields = (
            "id",
            "name",
            "short_name",
            "kind",
            "email",
            "active",
            "groups",
        )


class DocumentBriefSerializer(serializers.ModelSerializer):
    code = serializers.CharField(read_only=True)

    class Meta:
        model = Document
        fields = (
            "id",
            "kind",
            "code",
            "number",
            "notation",
            "date",
            "subject",
            "issuer_name",
        )


class PublicDocumentSerializer(serializers.ModelSerializer):
    code = serializers.CharField(read_only=True)

    class Meta:
        model = Document
        fields = (
            "id",
            "kind",
            "code",
            "number",
            "notation",
            "place",
            "date",
            "subject",
            "issuer_name",
            "issuer_parent",
            "signer_title",
            "signer_name",
            "text",
        )


class PublicationSerializer(serializers.ModelSerializer):
    document = DocumentBriefSerializer(read_only=True)

    class Meta:
        model = Publication
        fields = (
            "document",
            "published_at",
        )


class MetricSerializer(serializers.ModelSerializer):
    class Meta:
        model = Metric
        fields = (
            "id",
            "key",
            "label",
            "unit",
        )


class CampaignSerializer(serializers.ModelSerializer):
    metrics = MetricSerializer(many=True, read_only=True)

    class Meta:
        model = Campaign
        fields = (
            "id",
            "slug",
            "name",
            "metrics",
        )


class DistributionSerializer(serializers.ModelSerializer):
    document = DocumentBriefSerializer(read_only=True)
    campaigns = serializers.SlugRelatedField(many=True, read_only=True, slug_field="slug")

    class Meta:
        model = Distribution
        fields = (
            "id",
            "document",
            "mode",
            "campaigns",
            "note",
            "created_at",
        )


class DistributeSerializer(serializers.Serializer):
    document = RowId(queryset=Document.objects.all())
    organisations = serializers.ListField(child=Id(), allow_empty=False, min_length=1)
    campaigns = serializers.ListField(child=Id(), required=False)
    mode = serializers.ChoiceField(choices=Distribution.MODES, default=Distribution.ISSUE)
    deadline = serializers.DateField(required=False, allow_null=True)
    note = Text(required=False, allow_blank=True, default="")


class RequestReportsSerializer(serializers.Serializer):
    deadline = serializers.DateField(required=False, allow_null=True)
    message = Text(required=False, allow_blank=True, default="")


class InboxEntrySerializer(serializers.ModelSerializer):
    document = DocumentBriefSerializer(source="distribution.document", read_only=True)
    organisation = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = InboxEntry
        fields = (
            "id",
            "distribution",
            "organisation",
            "document",
            "delivered_at",
            "received_at",
        )


class AttachmentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = (
            "id",
            "name",
            "size",
            "content_type",
            "sha256",
            "url",
        )

    def get_url(self, item) -> str:
        return reverse("api:attachment", args=[item.pk])


class AttachmentUploadSerializer(serializers.Serializer):
    file = serializers.FileField()


class ReportSerializer(serializers.ModelSerializer):
    figures = serializers.SerializerMethodField()
    attachments = AttachmentSerializer(many=True, read_only=True)

    class Meta:
        model = Report
        fields = (
            "text",
            "submitted_at",
            "figures",
            "attachments",
        )

    def get_figures(self, report) -> dict[str, float]:
        return {f.metric.key: float(f.value) for f in report.figures.all()}


class TaskSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.name", read_only=True)
    document = DocumentBriefSerializer(source="distribution.document", read_only=True)
    shown_status = serializers.CharField(read_only=True)
    report = ReportSerializer(read_only=True, allow_null=True)  # null until reported

    class Meta:
        model = Task
        fields = (
            "id",
            "distribution",
            "document",
            "organisation",
            "label",
            "addressee",
            "text",
            "status",
            "shown_status",
            "deadline",
            "deadline_source",
            "report",
        )


class FigureField(serializers.DecimalField):
    """A figure of a report: a JSON number, not negative, rounded to two decimals (a float such
    as 0.57 reaches Python as 0.5700000000000001)."""

    default_error_messages: ClassVar[dict[str, str]] = {
        "not_a_number": "số liệu phải là một số (không đặt trong ngoặc kép)."
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("coerce_to_string", False)  # a number in the schema and the answer
        super().__init__(max_digits=14, decimal_places=2, min_value=0, **kwargs)

    def to_internal_value(self, data):
        # JSON's numbers only: DecimalField also takes "12" and true, which the schema does not
        if isinstance(data, bool) or not isinstance(data, (int, float)):
            self.fail("not_a_number")
        # a huge one is left to the check of digits (quantize would overflow: it was a 500)
        if isinstance(data, float) and math.isfinite(data) and abs(data) < 1e13:
            data = Decimal(repr(data)).quantize(Decimal("0.01"), ROUND_HALF_UP)
        return super().to_internal_value(data)


class SubmitReportSerializer(serializers.Serializer):
    text = Text()
    figures = serializers.DictField(child=FigureField(), required=False)


class ImportSerializer(serializers.Serializer):
    file = serializers.FileField()


class ImportErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField()
    message = serializers.CharField()


class ImportResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    groups_created = serializers.IntegerField()
    errors = ImportErrorSerializer(many=True)


class ReportsRequestedSerializer(serializers.Serializer):
    organisations = serializers.IntegerField(help_text="số đơn vị được đề nghị báo cáo")


class ResolutionSerializer(serializers.Serializer):
    phrase = serializers.CharField()
    organisations = OrganisationSerializer(many=True)
    matches = serializers.ListField(child=serializers.DictField())


class SummaryRowSerializer(serializers.Serializer):
    organisation = serializers.CharField()
    received_at = serializers.DateTimeField(allow_null=True)
    tasks = serializers.IntegerField()
    reported = serializers.IntegerField()
    overdue = serializers.IntegerField()
    status = serializers.CharField()
    figures = serializers.DictField(child=serializers.FloatField())


class SummarySerializer(serializers.Serializer):
    title = serializers.CharField()
    organisations = serializers.IntegerField()
    received = serializers.IntegerField()
    reported_organisations = serializers.IntegerField()
    tasks = serializers.IntegerField()
    reported = serializers.IntegerField()
    overdue = serializers.IntegerField()
    missing = serializers.ListField(child=serializers.CharField())
    rows = SummaryRowSerializer(many=True)


def summary_data(summary) -> dict:
    keys = {m.pk: m.key for m in summary.metrics}
    return {
        "title": summary.title,
        "organisations": summary.organisations,
        "received": summary.received,
        "reported_organisations": summary.reported_organisations,
        "tasks": summary.tasks,
        "reported": summary.reported,
        "overdue": summary.overdue,
        "missing": [r.organisation.name for r in summary.missing_rows],
        "rows": [
            {
                "organisation": r.organisation.name,
                "received_at": r.received_at,
                "tasks": r.tasks,
                "reported": r.reported,
                "overdue": r.overdue,
                "status": r.status,
                "figures": {keys[k]: float(v) for k, v in r.figures.items() if k in keys},
            }
            for r in summary.rows
        ],
    }

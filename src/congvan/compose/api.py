"""The REST API of composing and issuing (``/api/dispatches/``), the same actions and
permissions as the pages.

| request | permission | does |
|---|---|---|
| ``GET /api/dispatches/``, ``GET …/{id}/`` | any compose permission | drafts, issued, problems |
| ``POST /api/dispatches/`` | compose | a new draft from ``record`` (``congvan.document/1``) |
| ``PUT``/``PATCH …/{id}/`` | compose | save the draft (409 once issued) |
| ``POST …/{id}/sign/``, ``…/unsign/`` | sign | approve the draft / withdraw the approval |
| ``POST …/{id}/issue/`` | issue | number, date, store and freeze: the new version |
| ``POST …/{id}/revise/`` | compose | open the next version of an issued dispatch |
| ``GET …/{id}/versions/`` | any | the issued versions |
| ``GET …/{id}/docx/``, ``…/pdf/`` | any | the file (the issued one once issued) |
| ``GET /api/dispatches/references/?q=`` | compose | registry documents by number/notation |

A refused action answers 409 (wrong state) or 400 (problems of form, listed in ``problems``).
Bodies are JSON; the record is checked field by field (strings without control characters,
which no DOCX can hold), so a 400 names the field.
"""

from __future__ import annotations

from typing import ClassVar

from django.http import HttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import JSONParser
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from congvan.api.fields import Text
from congvan.api.pagination import Pages
from congvan.compose import roles, services
from congvan.compose.models import Dispatch, Version
from congvan.document.model import Document as Record
from congvan.document.render import PdfConverterMissing, RenderError

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class ProblemSerializer(serializers.Serializer):
    code = serializers.CharField()
    field = serializers.CharField()
    message = serializers.CharField()
    severity = serializers.CharField()


class VersionSerializer(serializers.ModelSerializer):
    code = serializers.SerializerMethodField()
    document_id = serializers.IntegerField(read_only=True)
    # null: issued or signed by the system (command line, import), or a person since deleted
    issued_by = serializers.SlugRelatedField(read_only=True, slug_field="username", allow_null=True)
    signed_by = serializers.SlugRelatedField(read_only=True, slug_field="username", allow_null=True)

    class Meta:
        model = Version
        fields = (
            "version",
            "code",
            "register_number",
            "year",
            "issued_on",
            "issued_at",
            "issued_by",
            "signed_by",
            "reason",
            "document_id",
            "record",
        )

    def get_code(self, obj: Version) -> str:
        return obj.to_record().code


def _text() -> Text:
    return Text(required=False, allow_null=True, allow_blank=True)


def _texts() -> serializers.ListField:
    return serializers.ListField(child=Text(allow_blank=True), required=False)


class IssuerRecordSerializer(serializers.Serializer):
    name = _text()
    parent = _text()


class ReferenceRecordSerializer(serializers.Serializer):
    kind = _text()
    number = _text()
    notation = _text()
    date = _text()
    issuer = _text()


class TaskRecordSerializer(serializers.Serializer):
    label = _text()
    text = _text()
    addressee = _text()
    deadline = _text()


class SignerRecordSerializer(serializers.Serializer):
    form = _text()
    authority = _text()
    title = _text()
    name = _text()


class RecordSerializer(serializers.Serializer):
    """The ``congvan.document/1`` record: checked field by field (a 400 names the field), then
    read by :meth:`Record.from_json`."""

    kind = _text()
    urgency = _text()
    issuer = IssuerRecordSerializer(required=False, allow_null=True)
    number = _text()
    notation = _text()
    place = _text()
    date = _text()
    subject = _text()
    recipients = _texts()
    references = ReferenceRecordSerializer(many=True, required=False)
    tasks = TaskRecordSerializer(many=True, required=False)
    distribution = _texts()
    signer = SignerRecordSerializer(required=False, allow_null=True)


class DispatchSerializer(serializers.ModelSerializer):
    record = RecordSerializer(help_text="Bản ghi congvan.document/1; số và ngày để trống.")
    opening = Text(required=False, allow_blank=True, help_text="đoạn mở đầu")
    closing = Text(required=False, allow_blank=True, help_text="đoạn kết")
    reason = Text(required=False, allow_blank=True, help_text="lý do sửa đổi")
    problems = serializers.SerializerMethodField()
    # null: made by the system, a person since deleted, or (signed_by) not signed yet
    created_by = serializers.SlugRelatedField(
        read_only=True, slug_field="username", allow_null=True
    )
    signed_by = serializers.SlugRelatedField(read_only=True, slug_field="username", allow_null=True)
    versions = VersionSerializer(many=True, read_only=True)
    distribute_url = serializers.SerializerMethodField()

    class Meta:
        model = Dispatch
        fields = (
            "id",
            "status",
            "version",
            "record",
            "opening",
            "closing",
            "reason",
            "problems",
            "created_by",
            "created_at",
            "updated_at",
            "signed_by",
            "signed_at",
            "versions",
            "distribute_url",
        )
        read_only_fields = (
            "status",
            "version",
            "created_at",
            "updated_at",
            "signed_at",
        )

    def validate_record(self, value):
        return Record.from_json(value)  # the fields checked above; what is missing stays empty

    @extend_schema_field(ProblemSerializer(many=True))
    def get_problems(self, obj: Dispatch) -> list[dict]:
        return [p.to_json() for p in services.problems(obj)]

    def get_distribute_url(self, obj: Dispatch) -> str | None:
        latest = obj.latest if obj.status == Dispatch.ISSUED else None
        return reverse("tracking:distribute", args=[latest.document_id]) if latest else None


class ReasonSerializer(serializers.Serializer):
    reason = Text(required=False, allow_blank=True, default="")


class RefusedSerializer(serializers.Serializer):
    """409: the action does not fit the dispatch's state (issued, not issued yet)."""

    detail = serializers.CharField()


class NotReadySerializer(serializers.Serializer):
    """400: the draft breaks rules that must hold before signing or issue."""

    detail = serializers.CharField()
    problems = ProblemSerializer(many=True)


class ReferenceSerializer(serializers.Serializer):
    document_id = serializers.IntegerField()
    code = serializers.CharField()
    kind = serializers.CharField(allow_null=True)
    number = serializers.CharField(allow_null=True)
    notation = serializers.CharField(allow_null=True)
    date = serializers.CharField(allow_null=True)
    issuer = serializers.CharField(allow_null=True)
    subject = serializers.CharField(allow_null=True)


class _Can(BasePermission):
    """Signed in with any compose permission; each action then needs its own."""

    message = "Bạn không có quyền thực hiện thao tác này."
    needs: ClassVar[dict[str, str]] = {
        "create": roles.COMPOSE,
        "update": roles.COMPOSE,
        "partial_update": roles.COMPOSE,
        "revise": roles.COMPOSE,
        "references": roles.COMPOSE,
        "sign": roles.SIGN,
        "unsign": roles.SIGN,
        "issue": roles.ISSUE,
    }

    def has_permission(self, request, view):
        user = request.user
        if not roles.may_view(user):
            return False
        needed = self.needs.get(view.action)
        return needed is None or user.has_perm(needed)


def _refused(err: services.ComposeError) -> Response:
    if isinstance(err, services.NotReady):
        return Response(
            {"detail": err.message, "problems": [p.to_json() for p in err.problems]},
            status=status.HTTP_400_BAD_REQUEST,
        )
    return Response({"detail": err.message}, status=status.HTTP_409_CONFLICT)


SAVED = {200: DispatchSerializer, 409: RefusedSerializer}


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "status", str, enum=[c for c, _ in Dispatch.STATUSES], description="trạng thái"
            ),
        ]
    ),
    update=extend_schema(responses=SAVED),
    partial_update=extend_schema(responses=SAVED),
)
class DispatchViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Văn bản đi: soạn thảo, duyệt ký, phát hành, phiên bản."""

    serializer_class = DispatchSerializer
    permission_classes = (_Can,)
    pagination_class = Pages
    parser_classes = (JSONParser,)  # a record is nested JSON: no form encoding carries it
    queryset = Dispatch.objects.prefetch_related("versions").order_by("-id")

    def get_queryset(self):
        items = super().get_queryset()
        # the list's filter only: a dispatch by id is found whatever its state
        wanted = self.request.query_params.get("status") if self.action == "list" else None
        if wanted is None:
            return items
        if wanted not in dict(Dispatch.STATUSES):
            names = ", ".join(dict(Dispatch.STATUSES))
            raise ValidationError({"status": [f"trạng thái phải là một trong: {names}."]})
        return items.filter(status=wanted)

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.create(
            data["record"],
            by=self.request.user,
            opening=data.get("opening", ""),
            closing=data.get("closing", ""),
        )

    def update(self, request, *args, **kwargs):
        dispatch = self.get_object()
        partial = kwargs.pop("partial", False)
        serializer = self.get_serializer(dispatch, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            dispatch = services.update(
                dispatch,
                data.get("record") or dispatch.to_record(),
                by=request.user,
                opening=data.get("opening"),
                closing=data.get("closing"),
                reason=data.get("reason"),
            )
        except services.ComposeError as err:
            return _refused(err)
        return Response(self.get_serializer(dispatch).data)

    def _do(self, act) -> Response:
        try:
            result = act()
        except services.ComposeError as err:
            return _refused(err)
        if isinstance(result, Version):
            return Response(VersionSerializer(result).data, status=status.HTTP_201_CREATED)
        return Response(self.get_serializer(result).data)

    @extend_schema(
        request=None,
        responses={200: DispatchSerializer, 400: NotReadySerializer, 409: RefusedSerializer},
    )
    @action(detail=True, methods=["post"])
    def sign(self, request, pk=None):
        return self._do(lambda: services.sign(self.get_object(), by=request.user))

    @extend_schema(request=None, responses=DispatchSerializer)
    @action(detail=True, methods=["post"])
    def unsign(self, request, pk=None):
        return self._do(lambda: services.unsign(self.get_object(), by=request.user))

    @extend_schema(
        request=None,
        responses={201: VersionSerializer, 400: NotReadySerializer, 409: RefusedSerializer},
    )
    @action(detail=True, methods=["post"])
    def issue(self, request, pk=None):
        return self._do(lambda: services.issue(self.get_object(), by=request.user))

    @extend_schema(
        request=ReasonSerializer, responses={200: DispatchSerializer, 409: RefusedSerializer}
    )
    @action(detail=True, methods=["post"])
    def revise(self, request, pk=None):
        dispatch = self.get_object()
        form = ReasonSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        reason = form.validated_data["reason"]
        return self._do(lambda: services.revise(dispatch, by=request.user, reason=reason))

    # the whole list, not pages (a dispatch has a few versions)
    @extend_schema(responses=VersionSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def versions(self, request, pk=None):
        dispatch = self.get_object()
        return Response(VersionSerializer(dispatch.versions.all(), many=True).data)

    @extend_schema(responses={(200, DOCX): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def docx(self, request, pk=None):
        dispatch = self.get_object()
        try:
            data = services.render(dispatch)
        except RenderError as err:
            return Response({"detail": err.message}, status=500)
        response = HttpResponse(data, content_type=DOCX)
        response["Content-Disposition"] = f'attachment; filename="van-ban-{dispatch.pk}.docx"'
        return response

    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiTypes.BINARY,
            (503, "application/json"): RefusedSerializer,  # no LibreOffice on this machine
        }
    )
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):
        dispatch = self.get_object()
        try:
            data = services.render(dispatch, pdf=True)
        except PdfConverterMissing as err:
            return Response({"detail": err.message}, status=503)
        except RenderError as err:
            return Response({"detail": err.message}, status=500)
        response = HttpResponse(data, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="van-ban-{dispatch.pk}.pdf"'
        return response

    @extend_schema(
        parameters=[OpenApiParameter("q", str, description="số/ký hiệu, ví dụ 21/CT-TTg")],
        responses=ReferenceSerializer(many=True),
    )
    @action(detail=False, methods=["get"], pagination_class=None)  # at most 20, not pages
    def references(self, request):
        found = services.find_references(request.query_params.get("q", ""))
        return Response(
            [
                {
                    "document_id": d.pk,
                    "code": d.code,
                    "kind": d.kind,
                    "number": d.number,
                    "notation": d.notation,
                    "date": d.date,
                    "issuer": d.issuer_name,
                    "subject": d.subject,
                }
                for d in found
            ]
        )

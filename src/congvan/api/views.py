"""The REST API: the pages' actions and permissions, as JSON (schema at ``/api/schema/``).

Each endpoint checks the same permission as its page (:class:`HasPerm`) and reads through the
same scoping as the pages (``roles.visible_entries`` / ``visible_tasks``): a recipient
organisation's person sees only their organisation's rows; another organisation's are 404.
Request bodies are JSON (lists of ids, figures by key and null do not fit a form); uploads are
multipart. Error answers are documented by :mod:`congvan.api.schema`.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action, api_view, permission_classes
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny, BasePermission, IsAuthenticated
from rest_framework.response import Response

from congvan.api import serializers as s
from congvan.api.pagination import IdsFirst, Pages
from congvan.portal.publish import PUBLISH, publish, published, withdraw
from congvan.registry import files
from congvan.registry.models import Document
from congvan.tracking import compile, directory, roles
from congvan.tracking.distribute import DistributionError, distribute, receive
from congvan.tracking.models import Attachment, Campaign, Distribution, Organisation
from congvan.tracking.reports import ReportError, Upload, attach, request_reports, submit_report


def HasPerm(*permissions: str) -> type[BasePermission]:
    """Signed in, with every permission (one per action, as on the pages)."""

    class _HasPerm(BasePermission):
        message = "Bạn không có quyền thực hiện thao tác này."

        def has_permission(self, request, view):
            user = request.user
            return bool(user and user.is_authenticated) and all(
                user.has_perm(p) for p in permissions
            )

    _HasPerm.__name__ = "HasPerm_" + "_".join(p.split(".")[1] for p in permissions)
    return _HasPerm


class _AnyOf(BasePermission):
    permissions: tuple[str, ...] = ()

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated) and any(
            user.has_perm(p) for p in self.permissions
        )


class InboxReader(_AnyOf):
    message = "Bạn không có quyền xem hộp thư."
    permissions = (roles.VIEW_INBOX, roles.VIEW_TRACKING)


class DirectoryReader(_AnyOf):
    message = "Bạn không có quyền xem danh bạ."
    permissions = (roles.VIEW_INBOX, roles.VIEW_TRACKING, roles.MANAGE_DIRECTORY)


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    """Đơn vị nhận. The department sees all; a recipient organisation only itself."""

    serializer_class = s.OrganisationSerializer
    permission_classes = (DirectoryReader,)
    pagination_class = Pages

    def get_queryset(self):
        items = Organisation.objects.prefetch_related("groups").order_by("name")
        user = self.request.user
        if user.has_perm(roles.VIEW_TRACKING) or user.has_perm(roles.MANAGE_DIRECTORY):
            return items
        org = roles.organisation_of(user)
        return items.filter(pk=org.pk) if org else items.none()

    @extend_schema(
        request={"multipart/form-data": s.ImportSerializer}, responses=s.ImportResultSerializer
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        parser_classes=[MultiPartParser],
        permission_classes=[HasPerm(roles.MANAGE_DIRECTORY)],
    )
    def import_(self, request):
        form = s.ImportSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        upload = form.validated_data["file"]
        try:
            result = directory.import_table(upload.read(), upload.name)
        except directory.ImportError_ as err:
            raise ValidationError({"file": str(err)}) from err
        return Response(
            {
                "created": result.created,
                "updated": result.updated,
                "groups_created": result.groups_created,
                "errors": [{"row": r, "message": m} for r, m in result.errors],
            }
        )


@extend_schema(
    parameters=[OpenApiParameter("q", str, description="cụm từ trong văn bản")],
    responses=s.ResolutionSerializer,
)
@api_view(["GET"])
@permission_classes([HasPerm(roles.DISTRIBUTE)])
def resolve(request):
    """Addressee phrase → organisations (a proposal to confirm)."""
    found = directory.resolve(request.query_params.get("q", ""))
    return Response(
        {
            "phrase": found.phrase,
            "organisations": s.OrganisationSerializer(found.organisations, many=True).data,
            "matches": [
                {
                    "text": m.text,
                    "kind": m.kind,
                    "name": m.name,
                    "organisations": [o.pk for o in m.organisations],
                }
                for m in found.matches
            ],
        }
    )


class DistributionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Documents sent to organisations, and their compilation."""

    serializer_class = s.DistributionSerializer
    permission_classes = (HasPerm(roles.VIEW_TRACKING),)
    parser_classes = (JSONParser,)
    pagination_class = Pages
    queryset = Distribution.objects.select_related("document").prefetch_related("campaigns")

    @extend_schema(request=s.DistributeSerializer, responses={201: s.DistributionSerializer})
    def create(self, request):
        """Distribute a registered document to organisations (tasks from its items)."""
        if not request.user.has_perm(roles.DISTRIBUTE):
            raise PermissionDenied("Bạn không có quyền gửi văn bản.")
        form = s.DistributeSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        try:
            made = distribute(
                data["document"],
                data["organisations"],
                sender=request.user,
                mode=data["mode"],
                campaign_ids=data.get("campaigns") or [],
                note=data.get("note", ""),
                deadline=data.get("deadline"),
            )
        except DistributionError as err:
            raise ValidationError({"organisations": str(err)}) from err
        except DjangoPermissionDenied as err:
            raise PermissionDenied(str(err)) from err
        return Response(s.DistributionSerializer(made).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=s.SummarySerializer)
    @action(detail=True, methods=["get"])
    def summary(self, request, pk=None):
        """Who received, who reported what, who is late (the dashboard's figures)."""
        return Response(s.summary_data(compile.dispatch_summary(self.get_object())))

    @extend_schema(request=s.RequestReportsSerializer, responses=s.ReportsRequestedSerializer)
    @action(
        detail=True,
        methods=["post"],
        url_path="request-reports",
        permission_classes=[HasPerm(roles.REQUEST_REPORTS)],
    )
    def request_reports(self, request, pk=None):
        """Ask the organisations that have not reported for their reports (e-mail)."""
        form = s.RequestReportsSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        made = request_reports(
            self.get_object(),
            request.user,
            deadline=form.validated_data.get("deadline"),
            message=form.validated_data.get("message", ""),
        )
        return Response({"organisations": made.recipients})


class CampaignViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.CampaignSerializer
    permission_classes = (HasPerm(roles.VIEW_TRACKING),)
    pagination_class = Pages
    queryset = Campaign.objects.prefetch_related("metrics")
    lookup_field = "slug"

    @extend_schema(responses=s.SummarySerializer)
    @action(detail=True, methods=["get"])
    def summary(self, request, slug=None):
        return Response(s.summary_data(compile.campaign_summary(self.get_object())))


class InboxViewSet(viewsets.ReadOnlyModelViewSet):
    """Inbox entries: a recipient organisation's own; the department's all."""

    serializer_class = s.InboxEntrySerializer
    permission_classes = (InboxReader,)
    pagination_class = IdsFirst

    def get_queryset(self):
        return (
            roles.visible_entries(self.request.user)
            .select_related("distribution__document", "organisation")
            .order_by("-delivered_at", "-id")
        )

    @extend_schema(request=None, responses=s.InboxEntrySerializer)
    @action(detail=True, methods=["post"])
    def receive(self, request, pk=None):
        """Record that the organisation opened the document."""
        return Response(s.InboxEntrySerializer(receive(self.get_object(), request.user)).data)


class TaskViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.TaskSerializer
    permission_classes = (InboxReader,)
    parser_classes = (JSONParser,)
    pagination_class = IdsFirst

    def get_queryset(self):
        return (
            roles.visible_tasks(self.request.user)
            .select_related("distribution__document", "organisation", "report")
            .prefetch_related("report__figures__metric", "report__attachments")
            .order_by("-distribution_id", "id")
        )

    @extend_schema(
        request={"multipart/form-data": s.AttachmentUploadSerializer},
        responses={201: s.AttachmentSerializer},
    )
    @action(
        detail=True,
        methods=["post"],
        parser_classes=[MultiPartParser],
        permission_classes=[HasPerm(roles.SUBMIT_REPORT)],
    )
    def attachments(self, request, pk=None):
        """Attach a file to the organisation's report on the task (after the report)."""
        task = self.get_object()
        form = s.AttachmentUploadSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        upload = form.validated_data["file"]
        try:
            item = attach(task, request.user, Upload(upload.name, upload.read()))
        except ReportError as err:
            raise ValidationError({"file": str(err)}) from err
        except DjangoPermissionDenied as err:
            raise PermissionDenied(str(err)) from err
        return Response(s.AttachmentSerializer(item).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.SubmitReportSerializer, responses=s.TaskSerializer)
    @action(detail=True, methods=["post"], permission_classes=[HasPerm(roles.SUBMIT_REPORT)])
    def report(self, request, pk=None):
        """Submit (or replace) the organisation's result report; figures by metric key."""
        task = self.get_object()
        form = s.SubmitReportSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        try:
            submit_report(
                task,
                request.user,
                form.validated_data["text"],
                form.validated_data.get("figures") or {},
            )
        except ReportError as err:
            raise ValidationError({"figures": str(err)}) from err
        except DjangoPermissionDenied as err:
            raise PermissionDenied(str(err)) from err
        return Response(s.TaskSerializer(self.get_queryset().get(pk=task.pk)).data)


# the file as it was sent, with its own type (text/plain, application/pdf, image/jpeg, …)
@extend_schema(responses={(200, "*/*"): OpenApiTypes.BINARY})
@api_view(["GET"])
@permission_classes([InboxReader])
def attachment(request, pk: int):
    """Download a report's attachment: the department any, an organisation its own only."""
    item = get_object_or_404(
        Attachment, pk=pk, report__task__in=roles.visible_tasks(request.user).values("pk")
    )
    path = files.path_for(item.sha256)
    if not path.exists():
        raise NotFound("Tệp không còn trong kho lưu trữ.")
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=item.name,
        content_type=item.content_type or "application/octet-stream",
    )


class PublicDocumentViewSet(viewsets.ReadOnlyModelViewSet):
    """Published documents only; open to everyone."""

    serializer_class = s.PublicDocumentSerializer
    permission_classes = (AllowAny,)
    pagination_class = Pages
    authentication_classes = ()

    def get_queryset(self):
        query = self.request.query_params.get("q", "")
        ids = published(query).values("document_id")
        return Document.objects.filter(pk__in=ids).order_by("-publication__published_at", "-id")

    @extend_schema(parameters=[OpenApiParameter("q", str, description="từ cần tìm")])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)


@extend_schema(methods=["POST"], request=None, responses={201: s.PublicationSerializer})
@extend_schema(methods=["DELETE"], request=None, responses={204: None})
@api_view(["POST", "DELETE"])
@permission_classes([IsAuthenticated, HasPerm(PUBLISH)])
def publication(request, document_pk: int):
    """Publish (POST) or withdraw (DELETE) a registered document on the public portal."""
    document = get_object_or_404(Document, pk=document_pk)
    if request.method == "DELETE":
        withdraw(document, request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
    return Response(s.PublicationSerializer(publish(document, request.user)).data, status=201)

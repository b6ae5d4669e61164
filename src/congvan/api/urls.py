from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, include, path, re_path, resolve
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from congvan.api import schema, views  # noqa: F401 (schema: its extensions register on import)

router = DefaultRouter()
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("distributions", views.DistributionViewSet, basename="distribution")
router.register("campaigns", views.CampaignViewSet, basename="campaign")
router.register("inbox", views.InboxViewSet, basename="inbox")
router.register("tasks", views.TaskViewSet, basename="task")
router.register("public/documents", views.PublicDocumentViewSet, basename="public-document")


@csrf_exempt  # answers every method alike and changes nothing, as DRF's views are exempt
def not_found(request, path=""):
    """Any other address under ``/api/`` (``/api/attachments/abc/``…): 404 in JSON, as the
    API's own 404s, rather than the site's HTML page. A known address without its final slash
    is redirected for GET and HEAD, as Django's APPEND_SLASH would (a POST would lose its body
    on the way: 404 instead)."""
    if not request.path.endswith("/") and request.method in ("GET", "HEAD"):
        match = resolve_or_none(request.path + "/")
        if match is not None and match.func is not not_found:
            return HttpResponsePermanentRedirect(request.get_full_path(force_append_slash=True))
    return JsonResponse({"detail": "Không tìm thấy."}, status=404)


def resolve_or_none(path: str):
    try:
        return resolve(path)
    except Resolver404:
        return None


app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("resolve/", views.resolve, name="resolve"),
    path("attachments/<int:pk>/", views.attachment, name="attachment"),
    path("publications/<int:document_pk>/", views.publication, name="publication"),
    path("", include(router.urls)),
    re_path(r"^(?P<path>[\s\S]*)$", not_found),  # any character, a line break too
]

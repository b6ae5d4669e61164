from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from congvan.api import views

router = DefaultRouter()
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("distributions", views.DistributionViewSet, basename="distribution")
router.register("campaigns", views.CampaignViewSet, basename="campaign")
router.register("inbox", views.InboxViewSet, basename="inbox")
router.register("tasks", views.TaskViewSet, basename="task")
router.register("public/documents", views.PublicDocumentViewSet, basename="public-document")

app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("resolve/", views.resolve, name="resolve"),
    path("attachments/<int:pk>/", views.attachment, name="attachment"),
    path("publications/<int:document_pk>/", views.publication, name="publication"),
    path("", include(router.urls)),
]

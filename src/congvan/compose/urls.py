"""Compose pages under ``soan-thao/`` and the API under ``api/dispatches/``: included at the
site root (before ``api/``), so the API shows in ``/api/schema/`` with the others."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from congvan.compose import api, views

router = SimpleRouter()
router.register("dispatches", api.DispatchViewSet, basename="api-dispatch")

app_name = "compose"
urlpatterns = [
    path("soan-thao/", views.dispatch_list, name="list"),
    path("soan-thao/moi/", views.new, name="new"),
    path("soan-thao/xem-truoc/", views.live_preview, name="live-preview"),
    path("soan-thao/tra-cuu-van-ban/", views.references, name="references"),
    path("soan-thao/<int:pk>/", views.detail, name="detail"),
    path("soan-thao/<int:pk>/sua/", views.edit, name="edit"),
    path("soan-thao/<int:pk>/duyet-ky/", views.sign, name="sign"),
    path("soan-thao/<int:pk>/tra-lai/", views.unsign, name="unsign"),
    path("soan-thao/<int:pk>/phat-hanh/", views.issue, name="issue"),
    path("soan-thao/<int:pk>/phien-ban-moi/", views.revise, name="revise"),
    path("soan-thao/<int:pk>/phien-ban/<int:version>/", views.version_page, name="version"),
    path("soan-thao/<int:pk>/tai-ve.docx", views.docx, name="docx"),
    path("soan-thao/<int:pk>/tai-ve.pdf", views.pdf, name="pdf"),
    path("api/", include(router.urls)),
]

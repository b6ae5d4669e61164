from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("quan-tri/", admin.site.urls),
    path("theo-doi/", include("congvan.tracking.urls")),
    path("cong-khai/", include("congvan.portal.urls")),
    path("", include("congvan.compose.urls")),  # soan-thao/ and api/dispatches/
    path("api/", include("congvan.api.urls")),
    path("", include("congvan.registry.urls")),
]

from django.urls import path

from congvan.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("van-ban/<int:pk>/", views.document_detail, name="detail"),
    path("van-ban/<int:pk>/dang-tai/", views.publish_view, name="publish"),
    path("feed/", views.LatestFeed(), name="feed"),
]

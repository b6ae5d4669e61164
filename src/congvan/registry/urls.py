from django.urls import path

from congvan.registry import views

app_name = "registry"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("tim-kiem/", views.search_page, name="search"),
    path("tai-len/", views.upload, name="upload"),
    path("van-ban/<int:pk>/", views.document_detail, name="detail"),
    path("van-ban/<int:pk>/tep-goc/", views.document_file, name="file"),
    path("van-ban/<int:pk>/ban-nhan-dang/", views.searchable_pdf, name="searchable"),
]

from django.urls import path

from congvan.tracking import views

app_name = "tracking"
urlpatterns = [
    path("", views.home, name="home"),
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", views.logout_view, name="logout"),
    path("don-vi/", views.directory_page, name="directory"),
    path("da-gui/", views.sent, name="sent"),
    path("gui/van-ban/<int:document_pk>/", views.distribute_page, name="distribute"),
    path("da-gui/<int:pk>/", views.dispatch_dashboard, name="dispatch"),
    path("da-gui/<int:pk>/excel/", views.dispatch_xlsx, name="dispatch-xlsx"),
    path("da-gui/<int:pk>/bao-cao-tong-hop/", views.dispatch_docx, name="dispatch-docx"),
    path("da-gui/<int:pk>/de-nghi-bao-cao/", views.request_reports_view, name="request"),
    path("chu-de/", views.campaigns, name="campaigns"),
    path("chu-de/<slug:slug>/", views.campaign_dashboard, name="campaign"),
    path("chu-de/<slug:slug>/excel/", views.campaign_xlsx, name="campaign-xlsx"),
    path("chu-de/<slug:slug>/bao-cao-tong-hop/", views.campaign_docx, name="campaign-docx"),
    path("hop-thu/", views.inbox, name="inbox"),
    path("hop-thu/<int:pk>/", views.entry_page, name="entry"),
    path("nhiem-vu/<int:pk>/bat-dau/", views.task_start, name="task-start"),
    path("nhiem-vu/<int:pk>/bao-cao/", views.task_report, name="task-report"),
    path("tep-dinh-kem/<int:pk>/", views.attachment, name="attachment"),
]

from django.urls import path

from nearer.web.sharing import views

app_name = "sharing"
urlpatterns = [
    path("", views.index, name="index"),
    path("<str:public_id>/revoke/", views.revoke, name="revoke"),
]

# Mounted at /s/ by the project urls: the report a link opens.
report_urlpatterns = [path("<str:token>/", views.report, name="share_report")]

from django.urls import path

from nearer.web.insights import views

app_name = "insights"

urlpatterns = [
    path("", views.insights_list, name="list"),
    path("uploads/<uuid:public_id>/", views.job, name="job"),
    path("uploads/<uuid:public_id>/status", views.job_status, name="job_status"),
    path("uploads/<uuid:public_id>/choose/", views.choose, name="choose"),
    path("uploads/<uuid:public_id>/cancel/", views.cancel, name="cancel"),
    path("assets/<str:name>", views.asset, name="asset"),
    path("<uuid:public_id>/", views.detail, name="detail"),
    path("<uuid:public_id>/share/", views.share, name="share"),
    path("<uuid:public_id>/delete/", views.delete, name="delete"),
]

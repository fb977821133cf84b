from django.urls import path

from nearer.web.assessments import check_views, views

app_name = "assessments"
urlpatterns = [
    path("", views.assessment_list, name="list"),
    path("gap/", views.gap, name="gap"),
    path("check/", check_views.start, name="check"),
    path("check/<uuid:public_id>/<int:number>/", check_views.screen, name="check_screen"),
    path("check/<uuid:public_id>/discard/", check_views.discard, name="check_discard"),
    path("take/<str:instrument_id>/", views.take, name="take"),
    path("results/<uuid:public_id>/", views.result, name="result"),
    path("results/<uuid:public_id>/share/", views.share, name="share"),
]

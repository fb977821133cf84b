from django.urls import path

from nearer.web.assessments import views

app_name = "assessments"
urlpatterns = [
    path("", views.assessment_list, name="list"),
    path("gap/", views.gap, name="gap"),
    path("take/<str:instrument_id>/", views.take, name="take"),
    path("results/<uuid:public_id>/", views.result, name="result"),
    path("results/<uuid:public_id>/share/", views.share, name="share"),
]

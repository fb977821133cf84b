from django.urls import path

from nearer.web.safety import views

app_name = "safety"
urlpatterns = [
    path("plan/", views.plan, name="plan"),
    path("plan/edit/", views.edit, name="edit"),
    path("plan/<str:public_id>/", views.detail, name="detail"),
    path("plan/<str:public_id>/delete/", views.delete, name="delete"),
    path("partner/", views.guide, name="guide"),
]

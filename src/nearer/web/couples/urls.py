from django.urls import path

from nearer.web.couples import views

app_name = "couples"
urlpatterns = [
    path("", views.partner, name="partner"),
    path("invite/", views.invite, name="invite"),
    path("join/", views.join, name="join"),
    path("join/<str:code>/", views.join_link, name="join_link"),
    path("unpair/", views.unpair, name="unpair"),
]

from django.urls import path

from nearer.web.journal import views

app_name = "journal"
urlpatterns = [
    path("", views.entry_list, name="list"),
    path("new/", views.new, name="new"),
    path("patterns/", views.patterns, name="patterns"),
    path("<uuid:public_id>/", views.detail, name="detail"),
    path("<uuid:public_id>/edit/", views.edit, name="edit"),
    path("<uuid:public_id>/feelings/", views.add_feeling, name="add_feeling"),
    path("<uuid:public_id>/delete/", views.delete, name="delete"),
]

from django.urls import path

from nearer.web.reminders import views

app_name = "reminders"
urlpatterns = [
    path("", views.reminders_page, name="settings"),
    path("off/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("shown/<str:public_id>/dismiss/", views.dismiss, name="dismiss"),
]

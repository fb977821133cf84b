from django.urls import path

from nearer.web.checkins import views

app_name = "checkins"
urlpatterns = [
    path("", views.today, name="today"),
    path("history/", views.history, name="history"),
    path("appreciations/", views.appreciations, name="appreciations"),
    path("appreciations/<uuid:public_id>/thanks/", views.thank, name="thanks"),
    path("weekly/", views.weekly, name="weekly"),
    path("weekly/done/", views.weekly_done, name="weekly_done"),
]

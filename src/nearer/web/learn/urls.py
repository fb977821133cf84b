from django.urls import path

from nearer.web.learn import views

app_name = "learn"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:topic>/", views.topic, name="topic"),
    path("<slug:topic>/<slug:id>/", views.entry, name="entry"),
]

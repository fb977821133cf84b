from django.urls import path

from nearer.web.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.plan_page, name="plan"),
    path("steps/<uuid:public_id>/", views.step, name="step"),
    path("not-for-us/<slug:strategy_id>/undo/", views.undo_not_for_us, name="undo"),
    path("sharing/", views.sharing, name="sharing"),
]

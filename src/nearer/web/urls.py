from django.contrib import admin
from django.urls import include, path

from nearer.web import views
from nearer.web.api.app import api
from nearer.web.sharing.urls import report_urlpatterns

urlpatterns = [
    path("", views.home, name="home"),
    path("help/", views.help_page, name="help"),
    path("accounts/", include("nearer.web.accounts.urls")),
    path("partner/", include("nearer.web.couples.urls")),
    path("checkin/", include("nearer.web.checkins.urls")),
    path("journal/", include("nearer.web.journal.urls")),
    path("assessments/", include("nearer.web.assessments.urls")),
    path("safety/", include("nearer.web.safety.urls")),
    path("sharing/", include("nearer.web.sharing.urls")),
    path("s/", include(report_urlpatterns)),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
]

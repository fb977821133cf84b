from django.contrib import admin
from django.urls import include, path

from nearer.web import installable, views
from nearer.web.api.app import api
from nearer.web.sharing.urls import report_urlpatterns

# A database outage raised outside a view still gets the 503 page (nearer.web.health).
handler500 = "nearer.web.health.server_error"

urlpatterns = [
    path("", views.home, name="home"),
    path("help/", views.help_page, name="help"),
    path("manifest.webmanifest", installable.manifest, name="manifest"),
    path("sw.js", installable.service_worker, name="service_worker"),
    path("offline/", installable.offline, name="offline"),
    path("accounts/", include("nearer.web.accounts.urls")),
    path("partner/", include("nearer.web.couples.urls")),
    path("checkin/", include("nearer.web.checkins.urls")),
    path("journal/", include("nearer.web.journal.urls")),
    path("assessments/", include("nearer.web.assessments.urls")),
    path("safety/", include("nearer.web.safety.urls")),
    path("insights/", include("nearer.web.insights.urls")),
    path("plan/", include("nearer.web.plans.urls")),
    path("learn/", include("nearer.web.learn.urls")),
    path("sharing/", include("nearer.web.sharing.urls")),
    path("s/", include(report_urlpatterns)),
    path("reminders/", include("nearer.web.reminders.urls")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
]

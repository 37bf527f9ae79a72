from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="people:caseload", permanent=False)),
    path("accounts/", include("koers.security.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("personen/", include("koers.people.urls")),
    path("", include("koers.inburgering.urls")),
    path("", include("koers.begeleiding.urls")),
    path("", include("koers.ontzorgen.urls")),
    path("", include("koers.signals.urls")),
    path("", include("koers.monitoring.urls")),
    path("", include("koers.avg.urls")),
    path("", include("koers.access.urls")),
    path("", include("koers.kwalitatief.urls")),
    path("portaal/", include("koers.portaal.urls")),
    path("api/v1/", include(("koers.api_urls", "v1"), namespace="v1")),
    path("duo/", include("koers.duo.urls")),
    path("beheer/", admin.site.urls),
]

handler404 = "koers.lib.problem.handler404"
handler500 = "koers.lib.problem.handler500"

"""Version 1 of the Koers API, mounted at ``/api/v1/`` (namespace ``v1``).

Resource names are Dutch and plural, URLs have no trailing slash (Dutch API Design Rules). The
OpenAPI document is published at ``openapi.json`` and ``openapi.yaml``, the documentation at
``docs``; these three need no login.
"""

from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerView, SpectacularYAMLAPIView
from rest_framework.routers import SimpleRouter

from koers.inburgering.api.views import UrenregistratieViewSet
from koers.monitoring.api.views import KengetalViewSet
from koers.people.api.views import HouseholdViewSet, PersonViewSet, TimelineView

router = SimpleRouter(trailing_slash=False)
router.register("personen", PersonViewSet, basename="person")
router.register("huishoudens", HouseholdViewSet, basename="household")
router.register("urenregistraties", UrenregistratieViewSet, basename="urenregistratie")
router.register("kengetallen", KengetalViewSet, basename="kengetal")

urlpatterns = [
    *router.urls,
    path("personen/<str:pk>/tijdlijn", TimelineView.as_view(), name="person-timeline"),
    # Without versioning the document's info.version is the plain semantic version ("1.0.0", as in
    # the API-Version header), not "1.0.0 (v1)"; v1 is the only version there is.
    path("openapi.json", SpectacularJSONAPIView.as_view(versioning_class=None), name="openapi-json"),
    path("openapi.yaml", SpectacularYAMLAPIView.as_view(versioning_class=None), name="openapi-yaml"),
    path("docs", SpectacularSwaggerView.as_view(url_name="openapi-json"), name="docs"),
]

"""Screens of the inburgering route, in three parts: the plan (brede intake, leerbaarheidstoets, PIP),
the route (duty, term, offer, hours, exams, decisions, fines) and participation and work (work goals,
participation hours, barriers, schemes)."""

from koers.inburgering.urls_participatie import urlpatterns as participatie_patterns
from koers.inburgering.urls_plan import urlpatterns as plan_patterns
from koers.inburgering.urls_route import urlpatterns as route_patterns

app_name = "inburgering"
urlpatterns = [*plan_patterns, *route_patterns, *participatie_patterns]

"""Screens of the inburgering route, in two parts: the plan (brede intake, leerbaarheidstoets, PIP)
and the route (duty, term, offer, hours, exams, decisions, fines)."""

from koers.inburgering.urls_plan import urlpatterns as plan_patterns
from koers.inburgering.urls_route import urlpatterns as route_patterns

app_name = "inburgering"
urlpatterns = [*plan_patterns, *route_patterns]

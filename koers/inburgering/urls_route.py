from django.urls import path

from . import views_route

urlpatterns = [
    path("personen/<int:pk>/inburgering/", views_route.route, name="route"),
    path("personen/<int:pk>/inburgering/<slug:key>/", views_route.route_form, name="route_form"),
    path(
        "personen/<int:pk>/inburgering/boetes/<int:boete_pk>/<slug:step>/",
        views_route.boete_step,
        name="boete_step",
    ),
    path("uren/", views_route.provider_hours, name="provider_hours"),
]

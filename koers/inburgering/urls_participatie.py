from django.urls import path

from . import views_participatie

urlpatterns = [
    path("personen/<int:pk>/participatie/", views_participatie.overview, name="participatie"),
    path(
        "personen/<int:pk>/participatie/belemmeringen/<int:barrier_pk>/actie/",
        views_participatie.barrier_action,
        name="participatie_actie",
    ),
    path("personen/<int:pk>/participatie/<slug:key>/", views_participatie.record_form, name="participatie_form"),
]

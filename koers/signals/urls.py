from django.urls import path

from . import views

app_name = "signals"
urlpatterns = [
    path("aandacht/", views.mine_view, name="mine"),
    path("aandacht/team/", views.team_view, name="team"),
    path("aandacht/dossier/<int:pk>/", views.dossier, name="dossier"),
    path("aandacht/<int:pk>/afhandelen/", views.resolve, name="resolve"),
    path("aandacht/<int:pk>/uitstellen/", views.snooze, name="snooze"),
    path("aandacht/beleid/", views.policy_index, name="policy_index"),
    path("aandacht/beleid/<int:municipality_id>/", views.policy_edit, name="policy"),
]

from django.urls import path

from . import views

app_name = "ontzorgen"
urlpatterns = [
    path("personen/<int:pk>/ontzorgen/", views.dossier, name="dossier"),
    path("personen/<int:pk>/ontzorgen/vaste-lasten/", views.add_item, name="add_item"),
    path(
        "personen/<int:pk>/ontzorgen/vaste-lasten/<int:part_pk>/beeindigen/", views.end_item, name="end_item"
    ),
    path("personen/<int:pk>/ontzorgen/verlengen/", views.extend, name="extend"),
    path("personen/<int:pk>/ontzorgen/beeindigen/", views.end, name="end"),
    path("personen/<int:pk>/ontzorgen/afbouwplan/", views.add_step, name="add_step"),
    path("personen/<int:pk>/ontzorgen/afbouwplan/<int:part_pk>/", views.step_status, name="step_status"),
    path("personen/<int:pk>/ontzorgen/voorschotten/", views.add_advance, name="add_advance"),
    path("personen/<int:pk>/ontzorgen/voorschotten/verrekenen/", views.settle_advance, name="settle_advance"),
    path("ontzorgen/betaalrondes/", views.run_list, name="runs"),
    path("ontzorgen/betaalrondes/<int:run_pk>/", views.run_detail, name="run_detail"),
    path("ontzorgen/betaalrondes/<int:run_pk>/pain001.xml", views.download_pain, name="download_pain"),
    path(
        "ontzorgen/betaalrondes/<int:run_pk>/uitkeringsadministratie.csv",
        views.download_csv,
        name="download_csv",
    ),
    path("ontzorgen/betaalrondes/<int:run_pk>/verzonden/", views.run_sent, name="run_sent"),
    path("ontzorgen/betaalrondes/<int:run_pk>/annuleren/", views.run_cancel, name="run_cancel"),
    path("ontzorgen/betaalrekening/", views.account, name="account"),
]

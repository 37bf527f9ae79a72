from django.urls import path

from koers.audit import views as audit_views

from . import views

app_name = "avg"

urlpatterns = [
    path("personen/<int:pk>/avg/", views.dossier, name="dossier"),
    path("personen/<int:pk>/avg/gegevens.json", views.export, {"kind": "json"}, name="export_json"),
    path("personen/<int:pk>/avg/gegevens.pdf", views.export, {"kind": "pdf"}, name="export_pdf"),
    path("personen/<int:pk>/avg/correctie/", views.correction, name="correction"),
    path("personen/<int:pk>/avg/beperking/", views.restriction, name="restriction"),
    path(
        "personen/<int:pk>/avg/beperking/<int:restriction_pk>/opheffen/", views.lift_restriction, name="lift"
    ),
    path("privacy/", views.privacy, name="privacy"),
    path("privacy/bewaartermijnen/", views.retention, name="retention"),
    path("privacy/anonimisering/", views.anonymisation_runs, name="runs"),
    # The audit log's screens (koers.audit has no URLs of its own).
    path("privacy/logboek/", audit_views.search, name="audit_search"),
    path(
        "privacy/logboek/inzage/<int:person_id>.csv", audit_views.inzage_export, {"kind": "csv"}, name="inzage_csv"
    ),
    path(
        "privacy/logboek/inzage/<int:person_id>.pdf", audit_views.inzage_export, {"kind": "pdf"}, name="inzage_pdf"
    ),
    path("privacy/ongebruikelijke-toegang/", audit_views.unusual, name="unusual"),
]

from django.urls import path

from . import views, views_taakstelling

app_name = "monitoring"
urlpatterns = [
    path("monitoring/", views.dashboard, name="dashboard"),
    path("monitoring/cijfers.xlsx", views.export_xlsx, name="export_xlsx"),
    path("monitoring/evaluatie/", views.evaluation, name="evaluation"),
    path("monitoring/evaluatie.pdf", views.evaluation_pdf, name="evaluation_pdf"),
    path("monitoring/evaluatie.xlsx", views.evaluation_xlsx, name="evaluation_xlsx"),
    path("monitoring/evaluatie/<slug:key>.csv", views.evaluation_csv, name="evaluation_csv"),
    path("monitoring/evaluatie/<int:pk>/", views.evaluation, name="evaluation_municipality"),
    path("monitoring/evaluatie/<int:pk>.pdf", views.evaluation_pdf, name="evaluation_municipality_pdf"),
    path("monitoring/evaluatie/<int:pk>.xlsx", views.evaluation_xlsx, name="evaluation_municipality_xlsx"),
    path(
        "monitoring/evaluatie/<int:pk>/<slug:key>.csv",
        views.evaluation_csv,
        name="evaluation_municipality_csv",
    ),
    path("monitoring/taakstelling/", views_taakstelling.taakstelling, name="taakstelling"),
    path("monitoring/<slug:key>.csv", views.export_csv, name="export_csv"),
]

from django.urls import path

from . import views

app_name = "monitoring"
urlpatterns = [
    path("monitoring/", views.dashboard, name="dashboard"),
    path("monitoring/cijfers.xlsx", views.export_xlsx, name="export_xlsx"),
    path("monitoring/<slug:key>.csv", views.export_csv, name="export_csv"),
]

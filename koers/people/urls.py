from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("nieuw/", views.register, name="register"),
    path("nieuw/gezinslid/", views.family_member_row, name="family_member_row"),
    path("<int:pk>/", views.detail, name="detail"),
]

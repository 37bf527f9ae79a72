from django.urls import path

from . import views

app_name = "access"
C = "personen/<int:pk>/toestemming/"
urlpatterns = [
    path(C, views.consents, name="consents"),
    path(C + "nieuw/", views.give, name="give"),
    path(C + "<int:consent_id>/intrekken/", views.withdraw, name="withdraw"),
    path(C + "<int:consent_id>/formulier/", views.document, name="document"),
    path(C + "overdracht/", views.transfer, name="transfer"),
]

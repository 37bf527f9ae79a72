from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "koers.people"
    verbose_name = "Personen en dossiers"

from django.apps import AppConfig


class AvgConfig(AppConfig):
    name = "koers.avg"
    verbose_name = "AVG-rechten en bewaartermijnen"

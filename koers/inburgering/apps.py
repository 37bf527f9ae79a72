from django.apps import AppConfig


class InburgeringConfig(AppConfig):
    name = "koers.inburgering"
    verbose_name = "Inburgering"

    def ready(self) -> None:
        from . import deadlines, participatie_tabs, plan_tabs, route_tabs

        plan_tabs.register()
        route_tabs.register()
        participatie_tabs.register()
        deadlines.register()

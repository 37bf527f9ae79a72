from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "koers.security"
    verbose_name = "Inloggen en beveiliging"

    def ready(self) -> None:
        from django.contrib import admin
        from django.contrib.auth.signals import user_logged_in

        from koers.lib.navigation import MenuItem, register_menu_item

        from .login import start_session_clock_on_login
        from .views import admin_login

        admin.site.login = admin_login
        user_logged_in.connect(start_session_clock_on_login, dispatch_uid="koers.security.session_clock")
        register_menu_item(MenuItem("account", _("Beveiliging"), "security:account", order=90))

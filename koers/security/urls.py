from django.urls import path

from . import oidc, views

app_name = "security"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("code/", views.verify, name="verify"),
    path("tweestapsverificatie/", views.enrol, name="enrol"),
    path("herstelcodes/", views.recovery_codes, name="recovery_codes"),
    path("beveiliging/", views.account, name="account"),
    path("beleid/tweestapsverificatie/", views.two_factor_policy, name="policy"),
    path("password_change/", views.PasswordChangeView.as_view(), name="password_change"),
    path("oidc/start/", oidc.start, name="oidc_start"),
    path("oidc/callback/", oidc.callback, name="oidc_callback"),
]

from django.urls import path

from koers.duo import screens
from koers.duo.views import NotificationView

app_name = "duo"

urlpatterns = [
    path("v1/notificaties", NotificationView.as_view(), name="notificaties"),
    path("dossier/<int:pk>/", screens.dossier, name="dossier"),
    path("dossier/<int:pk>/berichten/<int:message_id>/opnieuw/", screens.resend, name="resend"),
    path("dossier/<int:pk>/berichten/<int:message_id>/annuleren/", screens.cancel, name="cancel"),
    path("dossier/<int:pk>/signalen/<int:notification_id>/afgehandeld/", screens.handled, name="handled"),
    path("dossier/<int:pk>/signalen/<int:notification_id>/opnieuw/", screens.retry, name="retry"),
    path("aangemeld/", screens.announced, name="announced"),
    path("aangemeld/<int:municipality_id>/afgehandeld/", screens.announced_handled, name="announced_handled"),
]

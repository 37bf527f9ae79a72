from django.urls import path

from koers.duo.views import NotificationView

app_name = "duo"

urlpatterns = [
    path("v1/notificaties", NotificationView.as_view(), name="notificaties"),
]

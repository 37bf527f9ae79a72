from django.urls import path

app_name = "security"

urlpatterns: list = []

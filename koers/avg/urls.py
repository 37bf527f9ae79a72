from django.urls import path

app_name = "avg"

urlpatterns: list = []

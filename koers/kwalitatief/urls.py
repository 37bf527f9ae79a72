from django.urls import path

app_name = "kwalitatief"

urlpatterns: list = []

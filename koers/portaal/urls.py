from django.urls import path

app_name = "portaal"

urlpatterns: list = []

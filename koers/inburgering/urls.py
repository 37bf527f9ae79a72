from django.urls import path

app_name = "inburgering"
urlpatterns: list = []

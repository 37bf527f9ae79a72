from django.urls import path

app_name = "begeleiding"
urlpatterns: list = []

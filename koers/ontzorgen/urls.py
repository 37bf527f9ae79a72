from django.urls import path

app_name = "ontzorgen"
urlpatterns: list = []

from django.urls import path

from . import views

app_name = "kwalitatief"

urlpatterns = [
    path("monitoring/gesprekken/", views.rounds, name="rounds"),
    path("monitoring/gesprekken/<int:pk>/", views.round_detail, name="round"),
    path("monitoring/gesprekken/<int:pk>/plannen", views.plan_interview, name="plan_interview"),
    path("monitoring/gesprekken/<int:pk>/herhalen", views.repeat_round, name="repeat_round"),
    path("monitoring/gesprekken/<int:pk>/verslag", views.report, name="report"),
    path("monitoring/gesprekken/<int:pk>/verslag.xlsx", views.report_xlsx, name="report_xlsx"),
    path("monitoring/gesprekken/<int:pk>/verslag/<slug:key>.csv", views.report_csv, name="report_csv"),
    path("monitoring/gesprek/<int:pk>/", views.interview_detail, name="interview"),
    path("monitoring/gesprek/<int:pk>/vervallen", views.cancel_interview, name="cancel_interview"),
    path("monitoring/gesprek/<int:pk>/vervolgactie/<int:participant_pk>", views.add_follow_up,
         name="add_follow_up"),
    path("monitoring/vervolgacties/<int:pk>/afronden", views.complete_follow_up, name="complete_follow_up"),
    path("monitoring/topiclijsten/<int:municipality_id>/", views.topic_lists, name="topic_lists"),
    path("monitoring/topiclijsten/lijst/<int:pk>/wijzigen", views.edit_topic_list, name="edit_topic_list"),
    path("monitoring/topiclijsten/lijst/<int:pk>/nieuwe-versie", views.new_topic_list_version,
         name="new_topic_list_version"),
    path("monitoring/topiclijsten/<int:municipality_id>/themas", views.edit_themes, name="edit_themes"),
    path("personen/<int:pk>/gesprekken", views.person_interviews, name="person"),
]

from django.urls import path

from . import views, volunteer_views

app_name = "begeleiding"
D = "personen/<int:pk>/begeleiding/"
urlpatterns = [
    path(D, views.overview, name="overview"),
    path(D + "starten/", views.start, name="start"),
    path(D + "fase/", views.change_phase, name="phase"),
    path(D + "checklist/", views.checklist, name="checklist"),
    path(D + "checklist/<int:item_id>/", views.checklist_item, name="checklist_item"),
    path(D + "afspraken/nieuw/", views.new_appointment, name="new_appointment"),
    path(D + "afspraken/<int:appointment_id>/", views.appointment, name="appointment"),
    path(D + "taken/nieuw/", views.new_task, name="new_task"),
    path(D + "taken/<int:task_id>/afronden/", views.complete_task, name="complete_task"),
    path(D + "notities/nieuw/", views.new_note, name="new_note"),
    path(D + "plan/", views.plan, name="plan"),
    path(D + "plan/doel/", views.new_goal, name="new_goal"),
    path(D + "plan/meting/", views.new_measurement, name="new_measurement"),
    path(D + "verlenging/", views.request_extension, name="request_extension"),
    path(D + "verlenging/<int:extension_id>/besluit/", views.decide_extension, name="decide_extension"),
    path(D + "vorm/", views.support_mode, name="support_mode"),
    path(D + "afronding/", views.handover, name="handover"),
    path(D + "overdracht.pdf", views.handover_pdf, name="handover_pdf"),
    path(D + "bellen/", views.call, name="call"),
    path(D + "maatje/", volunteer_views.maatje, name="maatje"),
    path(D + "maatje/koppelen/", volunteer_views.match_volunteer, name="match_volunteer"),
    path(D + "maatje/<int:match_id>/beeindigen/", volunteer_views.end_match, name="end_match"),
    path(D + "maatje/verslag/", volunteer_views.write_report, name="write_report"),
    path(D + "maatje/verslag/<int:report_id>/afgehandeld/", volunteer_views.handle_concern, name="handle_concern"),
    path("begeleiding/vrijwilligers/", volunteer_views.pool, name="volunteer_pool"),
    path("begeleiding/vrijwilligers/mijn-maatjes/", volunteer_views.my_matches, name="my_matches"),
    path("begeleiding/bellijst/", views.call_list, name="call_list"),
    path("begeleiding/caseload/", views.caseload, name="caseload"),
    path("begeleiding/beleid/", views.policy_index, name="policy_index"),
    path("begeleiding/beleid/<int:municipality_id>/", views.policy, name="policy"),
]

from django.urls import path

from . import views

app_name = "portaal"

urlpatterns = [
    path("", views.home, name="home"),
    path("inloggen/", views.login, name="login"),
    path("inloggen/code/", views.code, name="code"),
    path("inloggen/digid/", views.digid_start, name="digid"),
    path("inloggen/digid/terug/", views.digid_callback, name="digid_callback"),
    path("uitloggen/", views.logout, name="logout"),
    path("taal/", views.language, name="language"),
    path("afspraken/", views.appointments, name="appointments"),
    path("afspraken/<int:appointment_id>/", views.appointment, name="appointment"),
    path("plan/", views.plan, name="plan"),
    path("taken/", views.tasks, name="tasks"),
    path("documenten/", views.documents, name="documents"),
    path("documenten/pip-<int:number>.pdf", views.pip_letter, name="pip_letter"),
    path("documenten/overdracht-<int:trajectory_id>.pdf", views.handover, name="handover"),
    path("contact/", views.contact, name="contact"),
    path("vraag/", views.question, name="question"),
    path("vraag/verstuurd/", views.question_sent, name="question_sent"),
    path("toestemming/", views.consent_list, name="consents"),
    path("toestemming/geven/<slug:recipient>/", views.consent_give, name="consent_give"),
    path("toestemming/<int:consent_id>/intrekken/", views.consent_withdraw, name="consent_withdraw"),
]

from django.urls import path

from . import views_plan

urlpatterns = [
    path("personen/<int:pk>/plan/", views_plan.plan, name="plan"),
    path("personen/<int:pk>/plan/brede-intake/", views_plan.intake, name="intake"),
    path(
        "personen/<int:pk>/plan/brede-intake/<int:intake_id>/", views_plan.intake_detail, name="intake_detail"
    ),
    path(
        "personen/<int:pk>/plan/leerbaarheidstoets/", views_plan.leerbaarheidstoets, name="leerbaarheidstoets"
    ),
    path("personen/<int:pk>/plan/pip/", views_plan.pip_edit, name="pip_edit"),
    path("personen/<int:pk>/plan/pip/vergelijk/", views_plan.pip_compare, name="pip_compare"),
    path("personen/<int:pk>/plan/pip/<int:number>/", views_plan.pip_detail, name="pip_detail"),
    path("personen/<int:pk>/plan/pip/<int:number>/brief.pdf", views_plan.pip_letter, name="pip_letter"),
    path("personen/<int:pk>/plan/pip/<int:number>/bezwaar/", views_plan.pip_objection, name="pip_objection"),
    path("personen/<int:pk>/plan/pip/<int:number>/intrekken/", views_plan.pip_withdraw, name="pip_withdraw"),
]

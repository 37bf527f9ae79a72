"""Afronding: the final interview, the written handover (a PDF for the consultant) and the warm handover
with recorded consent; without them the trajectory does not close."""

import io

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from koers.begeleiding import services
from koers.begeleiding.models import Handover
from koers.begeleiding.transitions import TransitionRefused
from koers.lib import clock
from koers.people.constants import Phase
from tests.factories import PersonFactory

from .factories import PURPOSE, trajectory_in, use_preset


@pytest.fixture
def trajectory(tenants):
    return trajectory_in(Phase.AFRONDING, tenants.a.person, tenants.a.mb_worker)


def close(trajectory, actor):
    services.transition(actor=actor, trajectory=trajectory, to_state=Phase.AFGESLOTEN, purpose=PURPOSE)


def test_it_does_not_close_without_a_handover(tenants, trajectory):
    with pytest.raises(TransitionRefused, match="overdracht"):
        close(trajectory, tenants.a.mb_worker)


def test_a_policy_with_a_final_interview_wants_its_date(tenants, trajectory):
    services.record_handover(actor=tenants.a.mb_worker, trajectory=trajectory, summary="Gaat goed.",
                             interview_on=None, purpose=PURPOSE)
    with pytest.raises(TransitionRefused, match="eindgesprek"):
        close(trajectory, tenants.a.mb_worker)


def test_a_policy_without_a_final_interview_closes_on_the_summary(tenants):
    use_preset(tenants.a.municipality, "tholen")
    trajectory = trajectory_in(Phase.AFRONDING, PersonFactory(municipality=tenants.a.municipality), tenants.a.mb_worker)
    services.record_handover(actor=tenants.a.mb_worker, trajectory=trajectory, summary="Gaat goed.",
                             interview_on=None, purpose=PURPOSE)
    close(trajectory, tenants.a.mb_worker)
    trajectory.refresh_from_db()
    assert (trajectory.state, trajectory.closed_on) == (Phase.AFGESLOTEN, clock.today())


def test_a_warm_handover_needs_the_persons_answer_on_consent(tenants, trajectory):
    with pytest.raises(ValidationError, match="toestemming"):
        services.record_handover(actor=tenants.a.mb_worker, trajectory=trajectory, summary="Gaat goed.",
                                 interview_on=clock.today(), recipient="Sociaal wijkteam", purpose=PURPOSE)
    assert not Handover.objects.exists()


def test_the_handover_pdf_tells_the_consultant_what_was_done(tenants, client_as, trajectory):
    services.record_handover(actor=tenants.a.mb_worker, trajectory=trajectory, summary="Redt zich met de post.",
                             interview_on=clock.today(), recipient="Schuldhulp Aadorp", consent="gegeven",
                             purpose=PURPOSE)
    response = client_as(tenants.a.consultant).get(f"/personen/{tenants.a.person.pk}/begeleiding/overdracht.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for expected in (tenants.a.person.full_name, "Redt zich met de post.", "Schuldhulp Aadorp", "Toestemming gegeven"):
        assert expected in text


def test_the_pdf_of_a_is_out_of_reach_for_b(tenants, client_as, trajectory):
    services.record_handover(actor=tenants.a.mb_worker, trajectory=trajectory, summary="x",
                             interview_on=clock.today(), purpose=PURPOSE)
    response = client_as(tenants.b.consultant).get(f"/personen/{tenants.a.person.pk}/begeleiding/overdracht.pdf")
    assert response.status_code == 404

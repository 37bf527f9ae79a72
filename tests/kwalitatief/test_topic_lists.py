import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from koers.kwalitatief import services
from koers.kwalitatief.defaults import NEWCOMER_TOPICS, ensure_defaults
from koers.kwalitatief.models import Theme, TopicList

from .factories import first_topic, hold, make_round, newcomer_interview, theme, topic_list


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_defaults_are_given_once_and_changes_stay(tenants):
    ensure_defaults(tenants.a.municipality)
    newcomers = topic_list(tenants.a.municipality)
    assert newcomers.topics.count() == len(NEWCOMER_TOPICS)
    Theme.objects.filter(municipality=tenants.a.municipality, code="vervoer").update(label="Bus en fiets")
    ensure_defaults(tenants.a.municipality)
    assert TopicList.objects.filter(municipality=tenants.a.municipality).count() == 2
    assert theme(tenants.a.municipality, "vervoer").label == "Bus en fiets"


def test_the_functional_administrator_edits_an_unused_topic_list(tenants):
    ensure_defaults(tenants.a.municipality)
    newcomers = topic_list(tenants.a.municipality)
    response = logged_in(tenants.a.admin).post(
        reverse("kwalitatief:edit_topic_list", kwargs={"pk": newcomers.pk}),
        {"name": "Kort gesprek", "topics": "Begeleiding | Kent u uw contactpersoon?\n\nWerk | Wat voor werk zoekt u?"},
    )
    assert response.status_code == 302
    assert list(newcomers.topics.values_list("section", "question")) == [
        ("Begeleiding", "Kent u uw contactpersoon?"), ("Werk", "Wat voor werk zoekt u?")]


def test_a_malformed_line_is_named_and_nothing_changes(tenants):
    ensure_defaults(tenants.a.municipality)
    newcomers = topic_list(tenants.a.municipality)
    response = logged_in(tenants.a.admin).post(
        reverse("kwalitatief:edit_topic_list", kwargs={"pk": newcomers.pk}),
        {"name": "Kapot", "topics": "Begeleiding | Vraag\nzonder streep"},
    )
    assert response.status_code == 400 and "Regel 2" in response.content.decode()
    newcomers.refresh_from_db()
    assert newcomers.name != "Kapot" and newcomers.topics.count() == len(NEWCOMER_TOPICS)


def test_a_used_topic_list_stays_as_it_was_and_gets_a_new_version_instead(tenants):
    interview_round = make_round(tenants.a.consultant, tenants.a.municipality)
    interview = newcomer_interview(tenants.a.consultant, interview_round, tenants.a.person)
    hold(tenants.a.consultant, interview, {first_topic(interview): ("Antwoord", set())})
    used = interview.topic_list
    with pytest.raises(ValidationError, match="nieuwe versie"):
        services.save_topic_list(topic_list=used, name="Anders", topics=[("A", "B")])
    response = logged_in(tenants.a.admin).post(reverse("kwalitatief:new_topic_list_version", kwargs={"pk": used.pk}))
    copy = TopicList.objects.get(municipality=tenants.a.municipality, audience=used.audience, active=True)
    assert response.status_code == 302 and copy.pk != used.pk
    assert copy.topics.count() == used.topics.count()


def test_a_theme_in_use_cannot_be_removed(tenants):
    interview_round = make_round(tenants.a.consultant, tenants.a.municipality)
    interview = newcomer_interview(tenants.a.consultant, interview_round, tenants.a.person)
    childcare = theme(tenants.a.municipality, "kinderopvang")
    hold(tenants.a.consultant, interview, {first_topic(interview): ("Geen oppas", {childcare.pk})})
    response = logged_in(tenants.a.admin).post(
        reverse("kwalitatief:edit_themes", kwargs={"municipality_id": tenants.a.municipality.pk}),
        {"themes": "vervoer | Vervoer\nnieuw-thema | Iets nieuws"},
    )
    assert response.status_code == 400 and "Kinderopvang" in response.content.decode()
    assert Theme.objects.filter(pk=childcare.pk).exists()
    assert not Theme.objects.filter(code="nieuw-thema").exists()


def test_themes_are_added_and_renamed(tenants):
    ensure_defaults(tenants.a.municipality)
    lines = "\n".join(f"{t.code} | {t.label}" for t in Theme.objects.filter(municipality=tenants.a.municipality))
    lines = lines.replace("Kinderopvang\n", "Opvang voor kinderen\n") + "\nschulden | Schulden"
    response = logged_in(tenants.a.admin).post(
        reverse("kwalitatief:edit_themes", kwargs={"municipality_id": tenants.a.municipality.pk}), {"themes": lines})
    assert response.status_code == 302
    assert theme(tenants.a.municipality, "kinderopvang").label == "Opvang voor kinderen"
    assert theme(tenants.a.municipality, "schulden").label == "Schulden"


@pytest.mark.parametrize("who", ["consultant", "volunteer", "analyst"])
def test_only_editors_maintain_topic_lists(tenants, who):
    url = reverse("kwalitatief:topic_lists", kwargs={"municipality_id": tenants.a.municipality.pk})
    assert logged_in(getattr(tenants.a, who)).get(url).status_code == 403


def test_an_administrator_of_b_cannot_edit_the_lists_of_a(tenants):
    ensure_defaults(tenants.a.municipality)
    client = logged_in(tenants.b.admin)
    assert client.get(reverse("kwalitatief:topic_lists",
                              kwargs={"municipality_id": tenants.a.municipality.pk})).status_code == 404
    newcomers = topic_list(tenants.a.municipality)
    response = client.post(reverse("kwalitatief:edit_topic_list", kwargs={"pk": newcomers.pk}),
                           {"name": "Overgenomen", "topics": "A | B"})
    assert response.status_code == 404
    newcomers.refresh_from_db()
    assert newcomers.name != "Overgenomen"

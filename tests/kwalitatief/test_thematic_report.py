from django.test import Client
from django.urls import reverse

from koers.kwalitatief.models import Topic
from koers.kwalitatief.report import NAME_MARK, anonymise, parts_of, thematic_report
from tests.factories import PersonFactory

from .factories import hold, make_round, newcomer_interview, provider_interview, theme


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_names_numbers_and_addresses_are_taken_out_of_quotes():
    text = "Amina Yusuf (BSN 123456782, tel. 06-12345678, amina@example.org) woont op 2511 AB; Yusuf zegt: te duur."
    cleaned = anonymise(text, {"Amina", "Yusuf"})
    for secret in ("Amina", "Yusuf", "123456782", "06-12345678", "amina@example.org", "2511 AB"):
        assert secret not in cleaned
    assert cleaned.count(NAME_MARK) == 3 and "te duur" in cleaned


def report_round(tenants, newcomers: int):
    interview_round = make_round(tenants.a.consultant, tenants.a.municipality)
    persons = [PersonFactory(municipality=tenants.a.municipality, consultant=tenants.a.consultant,
                             given_names=f"Naam{i}", family_name=f"Familie{i}") for i in range(newcomers)]
    topic = Topic.objects.filter(topic_list__municipality=tenants.a.municipality,
                                 topic_list__audience="inburgeraars").first()
    childcare, transport = theme(tenants.a.municipality, "kinderopvang"), theme(tenants.a.municipality, "vervoer")
    for index, person in enumerate(persons):
        interview = newcomer_interview(tenants.a.consultant, interview_round, person, interpreter_language="ar")
        themes = {childcare.pk} | ({transport.pk} if index % 2 else set())
        hold(tenants.a.consultant, interview, {topic.pk: (f"{person.given_names} zoekt oppas voor de les.", themes)})
    provider = provider_interview(tenants.a.consultant, interview_round)
    provider_topic = provider.topic_list.topics.first()
    hold(tenants.a.consultant, provider, {provider_topic.pk: ("Vervoer naar de taalschool is lastig.",
                                                             {transport.pk})})
    return interview_round, persons


def test_the_report_counts_themes_per_audience_and_keeps_no_names(tenants):
    interview_round, persons = report_round(tenants, newcomers=6)
    report = thematic_report(interview_round)
    lines = {line.label: line for line in report.themes}
    assert lines["Kinderopvang"].answers == 6 and lines["Kinderopvang"].interviews == 6
    assert lines["Kinderopvang"].by_audience == {"inburgeraars": 6, "aanbieders": 0}
    assert report.with_interpreter == 6 and report.newcomers_heard == 6
    quotes = [quote for topic in report.topics for quote in topic.quotes]
    assert all(person.given_names not in quote for person in persons for quote in quotes)


def test_every_count_under_five_is_suppressed_and_so_is_one_that_would_follow(tenants):
    interview_round, _persons = report_round(tenants, newcomers=6)
    report = thematic_report(interview_round)
    transport = next(line for line in report.themes if line.label == "Vervoer en reiskosten")
    # 3 newcomers and 1 provider mentioned transport: 4 answers, all too few to show.
    assert (transport.answers, transport.interviews) == (None, None)
    assert transport.by_audience == {"inburgeraars": None, "aanbieders": None}
    assert report.interviews_held == {"inburgeraars": 6, "aanbieders": None}
    assert report.group_interviews == 0


def test_a_part_that_follows_from_the_total_is_hidden_with_the_small_one():
    assert parts_of(9, {"inburgeraars": 7, "aanbieders": 2}) == {"inburgeraars": None, "aanbieders": None}
    assert parts_of(12, {"a": 5, "b": 5, "c": 2}) == {"a": None, "b": 5, "c": None}
    assert parts_of(7, {"a": 7, "b": 0}) == {"a": 7, "b": 0}
    assert parts_of(3, {"a": 3, "b": 0}) == {"a": None, "b": 0}


def test_the_tables_of_the_report_download_as_csv_and_xlsx_with_x_for_small_counts(tenants):
    import csv
    import io

    from openpyxl import load_workbook

    interview_round, _persons = report_round(tenants, newcomers=6)
    client = logged_in(tenants.a.analyst)
    base = reverse("kwalitatief:report", kwargs={"pk": interview_round.pk})
    rows = list(csv.reader(io.StringIO(client.get(f"{base}/themas.csv").content.decode())))
    assert rows[0] == ["Thema", "Antwoorden", "Gesprekken", "Van inburgeraars", "Van uitvoerders"]
    assert ["Vervoer en reiskosten", "x", "x", "x", "x"] in rows
    assert ["Kinderopvang", "6", "6", "6", "0"] in rows
    book = load_workbook(io.BytesIO(client.get(f"{base}.xlsx").content))
    assert book.sheetnames == ["gehoord", "doelgroepen", "themas"]
    assert client.get(f"{base}/onbekend.csv").status_code == 404


def test_fewer_than_five_newcomers_are_not_counted_in_the_report(tenants):
    interview_round, _persons = report_round(tenants, newcomers=3)
    report = thematic_report(interview_round)
    assert report.newcomers_heard is None
    assert set(report.by_target_group.values()) == {None}


def test_the_analyst_reads_the_report_without_any_name(tenants):
    interview_round, persons = report_round(tenants, newcomers=5)
    page = logged_in(tenants.a.analyst).get(reverse("kwalitatief:report", kwargs={"pk": interview_round.pk}))
    body = page.content.decode()
    assert page.status_code == 200 and "Kinderopvang" in body
    for person in persons:
        assert person.given_names not in body and person.family_name not in body and person.bsn not in body


def test_an_analyst_of_b_cannot_read_the_report_of_a(tenants):
    interview_round, _persons = report_round(tenants, newcomers=1)
    page = logged_in(tenants.b.analyst).get(reverse("kwalitatief:report", kwargs={"pk": interview_round.pk}))
    assert page.status_code == 404

"""The caseload writes its rows in one pass; every value in them is escaped, as the template engine would."""

from koers.people.models import Person
from tests.factories import PersonFactory, UserFactory


def test_it_escapes_names_and_the_consultant_in_the_rows(tenants, client_as):
    consultant = UserFactory(first_name="<b>Kees</b>", last_name="de & Vries")
    person = PersonFactory(municipality=tenants.a.municipality, given_names='<script>alert("x")</script>',
                           family_name="O'Brien", consultant=consultant)

    html = client_as(tenants.a.consultant).get("/personen/", {"q": "brien"}).content.decode()

    assert "<script>alert" not in html and "<b>Kees" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "O&#x27;Brien" in html and "&lt;b&gt;Kees&lt;/b&gt;" in html and "de &amp; Vries" in html
    assert f'<a href="/personen/{person.pk}/">' in html


def test_it_shows_the_rows_of_its_own_municipality_only(tenants, client_as):
    PersonFactory(municipality=tenants.b.municipality, family_name="Zwartjes")

    html = client_as(tenants.a.consultant).get("/personen/", {"q": "zwartjes"}).content.decode()

    assert "Zwartjes" not in html
    assert not Person.objects.filter(municipality=tenants.a.municipality, family_name="Zwartjes").exists()

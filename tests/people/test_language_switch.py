from django.conf import settings


def test_the_screens_are_dutch_by_default(tenants, client_as):
    content = client_as(tenants.a.consultant).get("/personen/").content.decode()
    assert '<html lang="nl">' in content
    assert "Mijn caseload" in content


def test_the_screens_are_english_after_switching_the_language(tenants, client_as):
    client = client_as(tenants.a.consultant)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/personen/"})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    content = client.get("/personen/").content.decode()
    assert '<html lang="en">' in content
    assert "My caseload" in content
    assert "Mijn caseload" not in content
    dossier = client.get(f"/personen/{tenants.a.person.pk}/").content.decode()
    assert "Timeline" in dossier and "Household" in dossier


def test_the_register_form_speaks_english_after_switching(tenants, client_as):
    client = client_as(tenants.a.consultant)
    client.post("/i18n/setlang/", {"language": "en", "next": "/personen/nieuw/"})
    content = client.post(
        "/personen/nieuw/", {"bsn": "123456789", "members-TOTAL_FORMS": "0", "members-INITIAL_FORMS": "0"}
    ).content.decode()
    assert "Register a person" in content
    assert "Enter the given names." in content

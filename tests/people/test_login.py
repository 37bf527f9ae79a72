from tests.factories import TEST_PASSWORD


def test_the_login_page_explains_a_wrong_password_in_dutch(tenants, client):
    response = client.post(
        "/accounts/login/", {"username": tenants.a.consultant.username, "password": "fout"}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Aanmelden is niet gelukt" in content
    assert "Voer een juiste gebruikersnaam en wachtwoord in." in content
    assert 'href="#id_username"' in content


def test_a_user_logs_in_and_lands_on_the_caseload(tenants, client):
    response = client.post(
        "/accounts/login/",
        {"username": tenants.a.consultant.username, "password": TEST_PASSWORD},
        follow=True,
    )
    content = response.content.decode()
    assert response.redirect_chain[-1][0] == "/personen/"
    assert tenants.a.consultant.get_full_name() in content
    assert "Consulent inburgering" in content


def test_logging_out_takes_a_post_and_returns_to_the_login_page(tenants, client_as):
    client = client_as(tenants.a.consultant)
    response = client.post("/accounts/logout/")
    assert response["Location"] == "/accounts/login/"
    assert client.get("/personen/").status_code == 302

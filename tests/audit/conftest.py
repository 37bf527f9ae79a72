from tests.people.conftest import client_as  # noqa: F401  (the logged-in test client)

from tests.api.conftest import api_as as api_client_for  # noqa: F401  (an API client sending a user's token)
from tests.people.conftest import client_as  # noqa: F401  (the logged-in test client)

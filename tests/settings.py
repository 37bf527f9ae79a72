"""Settings for the test suite: the real settings, with a fixed secret and a fast password hasher."""

import os

os.environ.setdefault("KOERS_SECRET_KEY", "koers-test-suite-only")

from koers.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# The suite logs in with a password alone; the tests of two-factor login (tests/security, the login journey)
# set the policy they exercise.
KOERS_TWO_FACTOR_ROLES = "none"

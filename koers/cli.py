"""The ``koers`` console command: Django's management commands under Koers's own name."""

import os
import sys

from django.core.exceptions import ImproperlyConfigured


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.settings")
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["koers", *sys.argv[1:]])
    except ImproperlyConfigured as missing:
        # A setting the environment must give (the secret key, the database's address): one line that
        # says which, rather than Django's traceback through the settings module.
        sys.stderr.write(f"koers: {missing}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.settings")
application = get_wsgi_application()

from koers.lib.warm import warm_up  # noqa: E402 — needs the apps loaded above
from koers.portaal.languages import served_language_codes  # noqa: E402

warm_up(served_language_codes())

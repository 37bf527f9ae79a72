from pathlib import Path

from django.conf import settings
from django.utils import translation

from koers.access.matrix import access_matrix_markdown


def test_the_published_access_matrix_matches_the_policy_in_code():
    published = Path(settings.BASE_DIR, "docs", "access-matrix.md").read_text()
    with translation.override("nl"):
        assert published == access_matrix_markdown(), "run: koers access-matrix > docs/access-matrix.md"

from django.core.management.base import BaseCommand
from django.utils import translation

from koers.access.matrix import access_matrix_markdown


class Command(BaseCommand):
    help = "Prints the access matrix (role × scope × data category) as Markdown."

    def handle(self, *args, **options) -> None:
        with translation.override("nl"):
            self.stdout.write(access_matrix_markdown(), ending="")

from django.contrib import admin

from koers.lib.admin import ReadOnlyAdmin

from .models import AuditEntry, UnusualAccessPolicy


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """Read-only: the log can be searched, never edited or deleted."""

    list_display = ["at", "username", "action", "person_id", "categories", "purpose", "channel", "outcome"]
    list_filter = ["action", "channel", "outcome"]
    search_fields = ["=person_id", "=username"]


@admin.register(UnusualAccessPolicy)
class UnusualAccessPolicyAdmin(admin.ModelAdmin):
    list_display = ["municipality", "many_dossiers", "night_starts", "night_ends"]

from django.contrib import admin

from koers.lib.admin import ReadOnlyAdmin

from .models import AnonymisationRun, RetentionPolicy


@admin.register(RetentionPolicy)
class RetentionPolicyAdmin(admin.ModelAdmin):
    list_display = ["municipality", "years_after_closing"]


@admin.register(AnonymisationRun)
class AnonymisationRunAdmin(ReadOnlyAdmin):
    list_display = ["at", "municipality", "dossiers"]

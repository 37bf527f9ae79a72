from django.contrib import admin

from .models import ContactpersoonSettings


@admin.register(ContactpersoonSettings)
class ContactpersoonSettingsAdmin(admin.ModelAdmin):
    list_display = ("municipality", "telefoonnummer")

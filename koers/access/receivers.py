"""Every new municipality starts with the default consent rules."""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Municipality


@receiver(post_save, sender=Municipality, dispatch_uid="koers.access.default_consent_rules")
def give_default_consent_rules(sender, instance: Municipality, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        from .consent import ensure_default_rules

        ensure_default_rules(instance)

"""Time-based one-time passwords (RFC 6238) with pyotp, on the Koers clock, and recovery codes."""

from __future__ import annotations

import hmac
import secrets

import pyotp
import segno
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction

from koers.access.models import User
from koers.lib import clock

from .models import RecoveryCode, TotpDevice

ISSUER = "Koers"
# One step (30 seconds) either way absorbs a phone's clock that runs a little off.
TOLERANCE_STEPS = 1
RECOVERY_CODE_COUNT = 10
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def unconfirmed_device(user: User) -> TotpDevice:
    """The device being set up: a new secret, unless one is already waiting for its first code."""
    device = TotpDevice.objects.filter(user=user).first()
    if device is None:
        return TotpDevice.objects.create(user=user, secret=pyotp.random_base32(32))
    if device.confirmed:
        raise ValueError("This user has a confirmed device already.")
    return device


def confirmed_device(user: User) -> TotpDevice | None:
    return TotpDevice.objects.filter(user=user, confirmed_at__isnull=False).first()


def provisioning_uri(device: TotpDevice) -> str:
    return pyotp.TOTP(device.secret).provisioning_uri(name=device.user.username, issuer_name=ISSUER)


def qr_code_svg(device: TotpDevice, title: str) -> str:
    return segno.make(provisioning_uri(device), error="m").svg_inline(scale=5, title=title)


def grouped_secret(device: TotpDevice) -> str:
    return " ".join(device.secret[i : i + 4] for i in range(0, len(device.secret), 4))


def clean_code(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def matching_step(device: TotpDevice, code: str) -> int | None:
    """The time step whose code this is, if it is one near now that has not been used yet."""
    code = clean_code(code)
    if not (len(code) == 6 and code.isdigit()):
        return None
    totp = pyotp.TOTP(device.secret)
    current = totp.timecode(clock.now())
    for step in range(current - TOLERANCE_STEPS, current + TOLERANCE_STEPS + 1):
        if step > device.last_step and hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


@transaction.atomic
def verify(device: TotpDevice, code: str) -> bool:
    """Accept a code once: the step it belongs to is stored, so replaying it fails."""
    device = TotpDevice.objects.select_for_update().get(pk=device.pk)
    step = matching_step(device, code)
    if step is None:
        return False
    device.last_step = step
    device.save(update_fields=["last_step"])
    return True


def confirm(device: TotpDevice, code: str) -> bool:
    if not verify(device, code):
        return False
    device.confirmed_at = clock.now()
    device.save(update_fields=["confirmed_at"])
    return True


def new_recovery_code() -> str:
    raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


@transaction.atomic
def replace_recovery_codes(user: User) -> list[str]:
    """Fresh recovery codes; the old ones stop working. Only hashes are stored."""
    codes = [new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    RecoveryCode.objects.filter(user=user).delete()
    RecoveryCode.objects.bulk_create(
        RecoveryCode(user=user, code_hash=make_password(clean_code(c))) for c in codes
    )
    return codes


@transaction.atomic
def use_recovery_code(user: User, code: str) -> bool:
    code = clean_code(code)
    if len(code) != 10:
        return False
    for recovery in RecoveryCode.objects.select_for_update().filter(user=user, used_at__isnull=True):
        if check_password(code, recovery.code_hash):
            recovery.used_at = clock.now()
            recovery.save(update_fields=["used_at"])
            return True
    return False


def unused_recovery_codes(user: User) -> int:
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()

from __future__ import annotations

import datetime as dt

import pyotp

from koers.access.models import Municipality, User
from koers.lib import clock
from koers.security.models import TotpDevice, TwoFactorPolicy

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def enrolled(user: User, secret: str = SECRET) -> TotpDevice:
    return TotpDevice.objects.create(user=user, secret=secret, confirmed_at=clock.now())


def code_for(secret: str = SECRET, at: dt.datetime | None = None) -> str:
    return pyotp.TOTP(secret).at(at or clock.now())


def policy(municipality: Municipality, roles: list[str]) -> TwoFactorPolicy:
    return TwoFactorPolicy.objects.create(municipality=municipality, required_roles=roles)

"""Logging in with a one-time code. The newcomer gives their registered phone number or e-mail
address; when exactly one person has it, a 6-digit code is sent there. The answer on screen is the
same whether or not the address is known. A code is valid for CODE_MINUTES, allows MAX_TRIES wrong
entries and is used once; requests are limited per address and per IP address."""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass
from enum import Enum

from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Replace
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from koers.lib import clock
from koers.people.models import Person

from . import senders
from .models import CodeRequest, LoginCode, MessageChannel

CODE_MINUTES = 10
MAX_TRIES = 5
LIMIT_WINDOW = dt.timedelta(minutes=15)
MAX_REQUESTS_PER_ADDRESS = 3
MAX_REQUESTS_PER_IP = 10
SEPARATORS = (" ", "-", ".", "(", ")", "/")


def is_email(address: str) -> bool:
    return "@" in address


def normalized(address: str) -> str:
    """An e-mail address in lower case; a phone number as digits, with + for the country code."""
    address = address.strip()
    if is_email(address):
        return address.lower()
    digits = re.sub(r"[^\d+]", "", address)
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    if digits.startswith("0"):
        digits = "+31" + digits[1:]
    return digits


def phone_variants(number: str) -> set[str]:
    """How a normalized Dutch number may be written without separators: +316..., 00316..., 06...."""
    variants = {number, "00" + number[1:]}
    if number.startswith("+31"):
        variants.add("0" + number[3:])
    return variants


def address_key(address: str) -> str:
    """A keyed hash of the normalized address: rate limiting counts requests without keeping them."""
    return salted_hmac("koers.portaal.address", normalized(address), algorithm="sha256").hexdigest()


def code_hash(code_id: int, code: str) -> str:
    return salted_hmac("koers.portaal.code", f"{code_id}:{code}", algorithm="sha256").hexdigest()


def person_with_address(address: str) -> Person | None:
    """The one person registered with this phone number or e-mail address, or None (none or several)."""
    wanted = normalized(address)
    if is_email(wanted):
        matches = Person.objects.filter(email__iexact=wanted)
    elif len(wanted) >= 8:
        bare = "phone"
        expression = Replace(bare, Value(SEPARATORS[0]), Value(""))
        for separator in SEPARATORS[1:]:
            expression = Replace(expression, Value(separator), Value(""))
        matches = Person.objects.annotate(bare_phone=expression).filter(bare_phone__in=phone_variants(wanted))
    else:
        return None
    found = list(matches[:2])
    return found[0] if len(found) == 1 else None


def too_many_requests(key: str, ip_address: str | None) -> bool:
    since = clock.now() - LIMIT_WINDOW
    recent = CodeRequest.objects.filter(at__gt=since)
    if recent.filter(address_key=key).count() >= MAX_REQUESTS_PER_ADDRESS:
        return True
    return bool(ip_address) and recent.filter(ip_address=ip_address).count() >= MAX_REQUESTS_PER_IP


def new_code() -> str:
    return f"{secrets.randbelow(10**6):06d}"


def code_message(code: str) -> str:
    return _("Uw code voor het portaal is %(code)s. De code werkt %(minutes)s minuten. Geef de code aan niemand.") % {
        "code": code, "minutes": CODE_MINUTES}


class RequestOutcome(Enum):
    SENT = "sent"  # said as "if the address is known, a code was sent": also for an unknown address
    LIMITED = "limited"
    NOT_SENT = "not_sent"  # the mail server or SMS gateway did not take the message


@transaction.atomic
def request_code(address: str, *, ip_address: str | None) -> RequestOutcome:
    """Send a code when the address belongs to exactly one person; count the request either way."""
    key = address_key(address)
    if too_many_requests(key, ip_address):
        return RequestOutcome.LIMITED
    CodeRequest.objects.create(address_key=key, ip_address=ip_address)
    person = person_with_address(address)
    if person is None:
        return RequestOutcome.SENT
    LoginCode.objects.filter(address_key=key, used_at__isnull=True).update(used_at=clock.now())
    code = new_code()
    channel = MessageChannel.EMAIL if is_email(normalized(address)) else MessageChannel.SMS
    now = clock.now()
    login_code = LoginCode.objects.create(person=person, address_key=key, code_hash="", channel=channel,
                                          created_at=now, expires_at=now + dt.timedelta(minutes=CODE_MINUTES))
    login_code.code_hash = code_hash(login_code.pk, code)
    login_code.save(update_fields=["code_hash"])
    try:
        if channel == MessageChannel.EMAIL:
            senders.send_email(to=person.email, subject=_("Uw code voor het portaal"), body=code_message(code))
        else:
            senders.sms_sender().send(to=person.phone, body=code_message(code))
    except senders.SendFailed:
        login_code.used_at = now
        login_code.save(update_fields=["used_at"])
        return RequestOutcome.NOT_SENT
    return RequestOutcome.SENT


class CheckOutcome(Enum):
    RIGHT = "right"
    WRONG = "wrong"
    EXPIRED = "expired"
    TOO_MANY_TRIES = "too_many_tries"


@dataclass(frozen=True)
class CheckResult:
    outcome: CheckOutcome
    person: Person | None = None


@transaction.atomic
def check_code(address: str, code: str, *, requested_at: dt.datetime, tries_so_far: int) -> CheckResult:
    """Check ``code`` for ``address``. ``requested_at`` and ``tries_so_far`` are kept in the browser's
    session, so that an unknown address expires and runs out of tries exactly as a known one does."""
    login_code = (LoginCode.objects.select_for_update().filter(address_key=address_key(address), used_at__isnull=True)
                  .select_related("person").first())
    tries = max(tries_so_far, login_code.tries if login_code else 0)
    if tries >= MAX_TRIES:
        return CheckResult(CheckOutcome.TOO_MANY_TRIES)
    ends = min([requested_at + dt.timedelta(minutes=CODE_MINUTES)] + ([login_code.expires_at] if login_code else []))
    if clock.now() >= ends:
        return CheckResult(CheckOutcome.EXPIRED)
    entered = re.sub(r"\s", "", code)
    if login_code is not None and constant_time_compare(login_code.code_hash, code_hash(login_code.pk, entered)):
        login_code.used_at = clock.now()
        login_code.save(update_fields=["used_at"])
        return CheckResult(CheckOutcome.RIGHT, login_code.person)
    if login_code is not None:
        login_code.tries += 1
        login_code.save(update_fields=["tries"])
    return CheckResult(CheckOutcome.WRONG)

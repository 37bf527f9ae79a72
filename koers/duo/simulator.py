"""A stand-in for DUO, for the demo and the tests: ``koers duo-simulator``.

It serves every operation of DUO's specifications (``koers.duo.specs``) as a WSGI application,
checks each request against the specification (400), the sender's OIN (403) and DUO's rules
(``koers.inburgering.rules``: 403 with DUO's ``fouttekst``), and keeps its own state per BSN in
memory. A write is registered once per ``berichtId``: the same message again gets the first answer.

It also plays DUO's side of the Notificatie API: ``emit`` changes its state the way an event does
and notifies Koers (``POST {koers_url}`` with ``bron``, ``doel``, ``berichtId`` and the bearer token).

Faults, switched on through ``Faults`` (or ``POST /_simulator/storingen``): a share of answers as 500
or 503, slow answers, notifications sent twice (same or new berichtId) and held back to be delivered
out of order.

Control endpoints (not DUO's): ``POST /_simulator/gebeurtenissen`` ``{"bsn", "gebeurtenisId"}``
makes an event happen; ``POST /_simulator/storingen`` sets faults; ``GET /_simulator/staat`` shows
the state.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from functools import partial
from typing import Any

import requests
from dateutil.relativedelta import relativedelta
from werkzeug.datastructures import Headers

from koers.duo import specs
from koers.inburgering import rules
from koers.inburgering.constants import (
    Doelgroepindeling,
    EerdereLevering,
    GedetailleerdeDoelgroep,
    Leerroute,
    Niveau,
    Verwijtbaar,
    target_group_for,
)
from koers.inburgering.rules.inburgeringsaanbod import ActuelePip, AanbodContext, AanbodSubmission
from koers.inburgering.rules.inburgeringsaanbod import Instelling as RuleInstelling
from koers.inburgering.rules.map_pvt import MapSubmission, PvtSubmission, ResultaatContext
from koers.inburgering.rules.pip import PipContext, PipDeletionContext, PipSubmission
from koers.inburgering.terms import Inburgeringstermijn, inburgeringstermijn_end
from koers.lib import clock

DUO_OIN = "00000001800866472000"
API_VERSION_HEADER = "API-Version"
VERLENGINGSGRONDEN = [
    {"code": "01", "omschrijving": "Ziekte of beperking"},
    {"code": "02", "omschrijving": "Zorg voor een familielid"},
    {"code": "03", "omschrijving": "Onvoldoende aanbod"},
]


@dataclass(frozen=True)
class Reported:
    """A resource a municipality put (MAP, PVT): the whole body, and who put it."""

    data: dict[str, Any]
    gemeentecode: str


@dataclass
class SimPerson:
    bsn: str
    gemeentecode: str
    plicht: dict[str, Any]
    doelgroep: dict[str, Any]
    settlement_date: dt.date | None = None
    termijn: dict[str, Any] | None = None
    termijn_historie: list[dict[str, Any]] = field(default_factory=list)
    vrijstellingen: list[dict[str, Any]] = field(default_factory=list)
    ontheffingen: list[dict[str, Any]] = field(default_factory=list)
    examens: list[dict[str, Any]] = field(default_factory=list)
    lbt: list[dict[str, Any]] = field(default_factory=list)
    examennummer: str | None = None
    pip: dict[str, Any] | None = None
    pip_gemeentecode: str = ""
    pip_registered_on: dt.date | None = None
    previous_pip_gemeentecode: str = ""
    first_pip_date: dt.date | None = None
    resultaten: dict[str, Reported] = field(default_factory=dict)
    """MAP and PVT (``map``, ``pvt``) as the municipality that reported them last put them."""
    zroute: dict[str, Any] = field(default_factory=dict)
    aanbod: dict[str, dict[str, Any]] = field(default_factory=dict)
    uren: dict[str, dict[str, Any]] = field(default_factory=dict)
    contactpersoon_id: int | None = None


@dataclass
class Faults:
    error_rate: float = 0.0
    """Share of DUO answers that are a 500."""
    unavailable_rate: float = 0.0
    """Share of DUO answers that are a 503 (gepland onderhoud)."""
    slow_rate: float = 0.0
    slow_seconds: float = 0.0
    duplicate_rate: float = 0.0
    """Share of notifications sent twice (half of them under a new berichtId)."""
    hold_back: int = 0
    """Notifications held back and then delivered in shuffled order, in batches of this size."""


@dataclass(frozen=True)
class Answer:
    status: int
    body: Any = None


@dataclass
class Outgoing:
    message_id: str
    recipient_oin: str
    payload: dict[str, Any]


class Refused(Exception):
    def __init__(self, status: int, fouten: Iterable[str] = ()):
        super().__init__(status)
        self.status = status
        self.fouten = list(fouten)


def _path_pattern(template: str) -> re.Pattern[str]:
    return re.compile("^" + re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(template)) + "$")


class Simulator:
    def __init__(self, *, municipalities: dict[str, str] | None = None, koers_url: str = "", token: str = "",
                 seed: int = 0, sleep: Callable[[float], None] = time.sleep,
                 session: requests.Session | None = None, validate: bool = True):
        self.validate = validate
        """Check requests against the specification (400 when they break it)."""
        self.municipalities = dict(municipalities or {})
        """OIN → gemeentecode of every municipality DUO knows."""
        self.persons: dict[str, SimPerson] = {}
        self.instellingen: list[dict[str, Any]] = []
        self.contactpersonen: dict[int, dict[str, Any]] = {}
        self.answers: dict[str, Answer] = {}
        self.faults = Faults()
        self.koers_url = koers_url
        self.token = token
        self.rng = random.Random(seed)
        self.sleep = sleep
        self.session = session or requests.Session()
        self.lock = threading.RLock()
        self.outgoing: list[Outgoing] = []
        self.held: list[Outgoing] = []
        self.requests_served = 0
        self.faults_injected = 0
        self.routes = [
            (operation.method.upper(), _path_pattern(operation.path), operation)
            for operation in specs.operations().values()
            if operation.service != "notificatie"
        ]

    # ---- state -------------------------------------------------------------------------------

    def add_person(self, person: SimPerson) -> None:
        with self.lock:
            self.persons[person.bsn] = person

    def add_instelling(self, instelling: dict[str, Any]) -> None:
        with self.lock:
            self.instellingen.append(instelling)

    def oin_of(self, gemeentecode: str) -> str:
        return next(oin for oin, code in self.municipalities.items() if code == gemeentecode)

    # ---- HTTP --------------------------------------------------------------------------------

    def __call__(self, environ: dict, start_response: Callable) -> list[bytes]:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        headers = {
            key[5:].replace("_", "-").title(): value for key, value in environ.items() if key.startswith("HTTP_")
        }
        if environ.get("CONTENT_TYPE"):
            headers["Content-Type"] = environ["CONTENT_TYPE"]
        status, response_headers, payload = self.handle(environ["REQUEST_METHOD"], environ["PATH_INFO"], headers, body)
        start_response(f"{status} {_REASONS.get(status, 'Status')}", list(response_headers.items()))
        return [payload]

    def handle(self, method: str, path: str, headers: dict[str, str], body: bytes) -> tuple[int, dict, bytes]:
        if path.startswith("/_simulator/"):
            return self._control(method, path, body)
        answer, service = self._answer(method, path.removeprefix("/v1"), headers, body)
        response_headers = {"Content-Type": "application/json", API_VERSION_HEADER: specs.api_version(service)}
        bericht_id = _header(headers, "berichtId")
        if bericht_id:
            response_headers["berichtId"] = bericht_id
        payload = b"" if answer.body is None else json.dumps(answer.body).encode()
        return answer.status, response_headers, payload

    def _answer(self, method: str, path: str, headers: dict[str, str], body: bytes) -> tuple[Answer, str]:
        route = self._route(method, path)
        if route is None:
            return Answer(404), "pip"
        operation, params = route
        with self.lock:
            self.requests_served += 1
            fault = self._fault()
        if fault is not None:
            return fault, operation.service
        request = specs.SpecRequest(method, path, {**headers, "berichtId": _header(headers, "berichtId")}, body or None,
                                    content_type=_header(headers, "Content-Type") or "application/json")
        try:
            if self.validate:
                specs.validate_request(operation.service, request)
        except specs.SpecViolation:
            return Answer(400), operation.service
        bericht_id = _header(headers, "berichtId")
        with self.lock:
            if method != "GET" and bericht_id in self.answers:
                return self.answers[bericht_id], operation.service
            answer = self._perform(operation, params, _header(headers, "bron"), body)
            if method != "GET":
                self.answers[bericht_id] = answer
        return answer, operation.service

    def _route(self, method: str, path: str) -> tuple[specs.Operation, dict[str, str]] | None:
        for route_method, pattern, operation in self.routes:
            match = pattern.match(path)
            if match and route_method == method.upper():
                return operation, match.groupdict()
        return None

    def _fault(self) -> Answer | None:
        faults = self.faults
        if faults.slow_rate and self.rng.random() < faults.slow_rate:
            self.sleep(faults.slow_seconds)
        roll = self.rng.random()
        if roll < faults.error_rate:
            self.faults_injected += 1
            return Answer(500)
        if roll < faults.error_rate + faults.unavailable_rate:
            self.faults_injected += 1
            return Answer(503)
        return None

    def _perform(self, operation: specs.Operation, params: dict[str, str], bron: str, body: bytes) -> Answer:
        gemeentecode = self.municipalities.get(bron)
        if gemeentecode is None:
            return Answer(403)
        data = json.loads(body) if body else None
        handler = getattr(self, f"op_{operation.operation_id}")
        try:
            if "bsn" in params:
                person = self.persons.get(params["bsn"])
                if person is None:
                    return Answer(404)
                if not self._relevant(person, gemeentecode):
                    return Answer(403)
                return handler(person, gemeentecode, data, params)
            return handler(gemeentecode, data, params)
        except Refused as refused:
            has_body = bool(specs.raw_spec(operation.service)["paths"][operation.path][operation.method]
                            ["responses"].get(str(refused.status), {}).get("content"))
            body_out = [{"fouttekst": text[:200]} for text in refused.fouten] if has_body else None
            return Answer(refused.status, body_out)

    def _relevant(self, person: SimPerson, gemeentecode: str) -> bool:
        """DUO's scope (README, "Scope"): the person lives in the municipality, or its current PIP is
        of it, or its current PIP is younger than a month and the one before was of it."""
        if gemeentecode in (person.gemeentecode, person.pip_gemeentecode):
            return True
        registered = person.pip_registered_on
        return (person.previous_pip_gemeentecode == gemeentecode and registered is not None
                and clock.today() < registered + relativedelta(months=1))

    # ---- Inburgeringsplicht, termijn, vrijstelling, ontheffing, examen, LBT --------------------

    def op_getInburgeringsplichtByBsn(self, person, gemeente, data, params):
        return Answer(200, person.plicht)

    def op_getInburgeringsplichthistorieByBsn(self, person, gemeente, data, params):
        keys = ("indicatorInburgeringsplicht", "begindatum", "einddatum", "wijzigingsdatum")
        return Answer(200, [{key: person.plicht[key] for key in keys if key in person.plicht}])

    def op_getDoelgroepByBsn(self, person, gemeente, data, params):
        return Answer(200, person.doelgroep)

    def op_getDoelgroephistorieByBsn(self, person, gemeente, data, params):
        return Answer(200, [{key: person.doelgroep[key] for key in ("indeling", "begindatum") if key in person.doelgroep}])

    def op_getInburgeringstermijnByBsn(self, person, gemeente, data, params):
        return Answer(200, person.termijn) if person.termijn else Answer(404)

    def op_getInburgeringstermijnhistorieByBsn(self, person, gemeente, data, params):
        return Answer(200, person.termijn_historie)

    def op_getVerlengingsgronden(self, gemeente, data, params):
        return Answer(200, VERLENGINGSGRONDEN)

    def op_getVrijstellingenByBsn(self, person, gemeente, data, params):
        return Answer(200, person.vrijstellingen)

    def op_getOntheffingenByBsn(self, person, gemeente, data, params):
        return Answer(200, person.ontheffingen)

    def op_getExamenresultatenByBsn(self, person, gemeente, data, params):
        return Answer(200, person.examens)

    def op_getGratisPogingenTegoedByBsn(self, person, gemeente, data, params):
        used = {code: sum(1 for e in person.examens if e["onderdeel"] == code) for code in ("KNM", "LE", "LU", "SC", "SP")}
        return Answer(200, [{"onderdeel": code, "gratisPogingenTegoed": max(0, 3 - n)} for code, n in used.items()])

    def op_getExamennummerByBsn(self, person, gemeente, data, params):
        return Answer(200, {"examennummer": person.examennummer}) if person.examennummer else Answer(404)

    def op_deleteExamennummerByBsn(self, person, gemeente, data, params):
        if not person.examennummer:
            return Answer(404)
        person.examennummer = None
        return Answer(200)

    def op_getLbtResultatenByBsn(self, person, gemeente, data, params):
        return Answer(200, person.lbt)

    # ---- PIP -----------------------------------------------------------------------------------

    def op_getPipByBsn(self, person, gemeente, data, params):
        if person.pip is None:
            return Answer(404)
        return Answer(200, {"gemeentecode": person.pip_gemeentecode, "pip": person.pip})

    def op_postPipByBsn(self, person, gemeente, data, params):
        submission = PipSubmission(
            dagtekening=dt.date.fromisoformat(data["dagtekeningPip"]),
            leerroute=Leerroute(data["leerroute"]),
            niveau=Niveau(data["niveau"]) if data.get("niveau") else None,
            geschatte_intensiteit=data.get("geschatteIntensiteitB1Route"),
        )
        context = PipContext(
            duty_start=_date(person.plicht.get("begindatum")) or dt.date.min,
            settlement_date=person.settlement_date if person.gemeentecode == gemeente else None,
            target_group=self._target_group(person),
            first_pip_date=person.first_pip_date,
            current_pip_date=_date(person.pip["dagtekeningPip"]) if person.pip else None,
        )
        _refuse_on(rules.validate_pip(submission, context))
        niveau = rules.effective_niveau(submission.leerroute, submission.niveau)
        if person.pip is not None and person.pip_gemeentecode != gemeente:
            person.previous_pip_gemeentecode = person.pip_gemeentecode
        person.pip = {**data, **({"niveau": niveau.value} if niveau else {})}
        person.pip_gemeentecode = gemeente
        person.pip_registered_on = clock.today()
        person.first_pip_date = person.first_pip_date or submission.dagtekening
        return Answer(201)

    def op_deletePipByBsn(self, person, gemeente, data, params):
        if person.pip is None or person.pip_gemeentecode != gemeente:
            return Answer(404)
        context = PipDeletionContext(term_set=person.termijn is not None, hours_registered=bool(person.uren))
        _refuse_on(rules.validate_pip_deletion(context))
        person.pip = None
        person.pip_gemeentecode = ""
        return Answer(200)

    # ---- Contactpersoon ------------------------------------------------------------------------

    def op_createContactpersoon(self, gemeente, data, params):
        new_id = max(self.contactpersonen, default=0) + 1
        self.contactpersonen[new_id] = {"gemeentecode": gemeente, "gegevens": data}
        return Answer(201, {"id": new_id, "contactpersoongegevens": data})

    def _contact(self, gemeente: str, params: dict[str, str]) -> dict[str, Any]:
        contact = self.contactpersonen.get(int(params["id"]))
        if contact is None or contact["gemeentecode"] != gemeente:
            raise Refused(404)
        return contact

    def op_updateContactpersoonById(self, gemeente, data, params):
        self._contact(gemeente, params)["gegevens"] = data
        return Answer(200)

    def op_deleteContactpersoonById(self, gemeente, data, params):
        self._contact(gemeente, params)
        del self.contactpersonen[int(params["id"])]
        for person in self.persons.values():
            if person.contactpersoon_id == int(params["id"]):
                person.contactpersoon_id = None
        return Answer(200)

    def op_postContactpersoonByBsn(self, person, gemeente, data, params):
        self._contact(gemeente, params)
        person.contactpersoon_id = int(params["id"])
        return Answer(201)

    def op_deleteContactpersoonByBsn(self, person, gemeente, data, params):
        self._contact(gemeente, params)
        if person.contactpersoon_id != int(params["id"]):
            return Answer(404)
        person.contactpersoon_id = None
        return Answer(200)

    # ---- Inburgeringsaanbod --------------------------------------------------------------------

    def op_getInstellingen(self, gemeente, data, params):
        return Answer(200, self.instellingen)

    def op_postInburgeringsaanbodByBsnAndInstellingsnummer(self, person, gemeente, data, params):
        nummer = params["instellingsnummer"]
        known = next((i for i in self.instellingen if i["instellingsnummer"] == nummer), None)
        submission = AanbodSubmission(
            instellingsnummer=nummer,
            datum_inburgeringsaanbod=_date(data.get("datumInburgeringsaanbod")),
            verwachte_startdatum_opleiding=_date(data.get("verwachteStartdatumOpleiding")),
            verwachte_einddatum_opleiding=_date(data.get("verwachteEinddatumOpleiding")),
        )
        context = AanbodContext(
            target_group=self._target_group(person),
            pip=ActuelePip(_date(person.pip["dagtekeningPip"]), Leerroute(person.pip["leerroute"])) if person.pip else None,
            instelling=RuleInstelling(nummer, known["naam"], bool(known.get("indicatieBowKeurmerk")),
                                      bool(known.get("indicatieTstKeurmerk"))) if known else None,
            termijn=self._termijn(person),
        )
        _refuse_on(rules.validate_aanbod(submission, context))
        person.aanbod[nummer] = data
        return Answer(201)

    def op_deleteInburgeringsaanbodByBsnAndInstellingsnumer(self, person, gemeente, data, params):
        if person.aanbod.pop(params["instellingsnummer"], None) is None:
            return Answer(404)
        return Answer(204)

    # ---- MAP, PVT, Z-route ---------------------------------------------------------------------

    def op_getMapByBsn(self, person, gemeente, data, params):
        return self._get_resultaat(person, "map", "datumEindgesprekMap")

    def op_getPvtByBsn(self, person, gemeente, data, params):
        return self._get_resultaat(person, "pvt", "datumOndertekeningPvt")

    def op_updateMapByBsn(self, person, gemeente, data, params):
        submission = MapSubmission(_date(data.get("datumEindgesprekMap")), _verwijtbaar(data))
        return self._put_resultaat(person, gemeente, data, "map", partial(rules.validate_map, submission))

    def op_updatePvtByBsn(self, person, gemeente, data, params):
        submission = PvtSubmission(_date(data.get("datumOndertekeningPvt")), _verwijtbaar(data))
        return self._put_resultaat(person, gemeente, data, "pvt", partial(rules.validate_pvt, submission))

    @staticmethod
    def _get_resultaat(person: SimPerson, onderdeel: str, date_field: str) -> Answer:
        reported = person.resultaten.get(onderdeel)
        if reported is None or not reported.data.get(date_field):
            return Answer(404)
        return Answer(200, {date_field: reported.data[date_field]})

    def _put_resultaat(self, person: SimPerson, gemeente: str, data: dict, onderdeel: str,
                       validate: Callable[[ResultaatContext], list]) -> Answer:
        """MAP or PVT under DUO's conditions; a PUT replaces the whole resource."""
        _refuse_on(validate(self._resultaat_context(person, gemeente, person.resultaten.get(onderdeel))))
        person.resultaten[onderdeel] = Reported(data, gemeente)
        return Answer(200)

    def _resultaat_context(self, person: SimPerson, gemeente: str, earlier: Reported | None) -> ResultaatContext:
        if earlier is None or not earlier.data:
            supplied = EerdereLevering.GEEN
        elif earlier.gemeentecode == gemeente:
            supplied = EerdereLevering.EIGEN_GEMEENTE
        else:
            supplied = EerdereLevering.ANDERE_GEMEENTE
        z_done = _date(person.zroute.get("datumAfrondingZroute"))
        return ResultaatContext(
            today=clock.today(), termijn=self._termijn(person),
            own_municipality_has_current_pip=person.pip is not None and person.pip_gemeentecode == gemeente,
            earlier_delivery=supplied, duty_met_via_z_route=z_done is not None, z_route_completed_on=z_done,
        )

    def op_updateZrouteByBsn(self, person, gemeente, data, params):
        if person.pip is None or person.pip_gemeentecode != gemeente:
            raise Refused(403, ["Uw gemeente heeft geen actueel PIP voor deze inburgeraar."])
        if data.get("datumAfrondingZroute") and person.pip.get("leerroute") != Leerroute.Z_ROUTE:
            raise Refused(403, ["De inburgeraar volgt de Z-route niet."])
        person.zroute = data
        return Answer(200)

    # ---- Gevolgde uren -------------------------------------------------------------------------

    def op_getGevolgdeUrenByBsn(self, person, gemeente, data, params):
        return Answer(200, [{"gemeentecode": code, **hours} for code, hours in person.uren.items()])

    def _put_hours(self, person: SimPerson, gemeente: str, key: str, data: dict) -> Answer:
        person.uren.setdefault(gemeente, {})[key] = data
        return Answer(200)

    def op_updateUrenTaallesEnKnmByBSN(self, person, gemeente, data, params):
        return self._put_hours(person, gemeente, "TaallesEnKnmBredeIntake", data)

    def op_updateUrenParticipatieactiviteiten(self, person, gemeente, data, params):
        return self._put_hours(person, gemeente, "ParticipatieactiviteitenBredeIntake", data)

    def op_updateUrenParticipatieAlsTaallesByBsn(self, person, gemeente, data, params):
        return self._put_hours(person, gemeente, "ParticipatieAlsTaalles", data)

    # ---- helpers -------------------------------------------------------------------------------

    def _target_group(self, person: SimPerson):
        detail = person.doelgroep.get("gedetailleerdeDoelgroep")
        return target_group_for(Doelgroepindeling(person.doelgroep["indeling"]),
                                GedetailleerdeDoelgroep(detail) if detail else None)

    def _termijn(self, person: SimPerson) -> Inburgeringstermijn | None:
        if not person.termijn:
            return None
        return Inburgeringstermijn(_date(person.termijn["startdatum"]), _date(person.termijn["einddatum"]))

    # ---- events and notifications ---------------------------------------------------------------

    def emit(self, bsn: str, code: str, *, at: dt.datetime | None = None) -> Outgoing:
        """Make event ``code`` happen to ``bsn`` (state first, as DUO does) and queue the notification."""
        with self.lock:
            person = self.persons[bsn]
            moment = at or clock.now()
            EVENT_EFFECTS.get(code, _no_effect)(person, moment.date())
            outgoing = Outgoing(str(uuid.uuid4()), self.oin_of(person.gemeentecode), {
                "registratieDatumTijd": moment.isoformat(timespec="seconds"), "gebeurtenisId": code, "bsn": bsn,
            })
            self._queue(outgoing)
        return outgoing

    def _queue(self, outgoing: Outgoing) -> None:
        batch = [outgoing]
        if self.faults.duplicate_rate and self.rng.random() < self.faults.duplicate_rate:
            same_id = self.rng.random() < 0.5
            batch.append(Outgoing(outgoing.message_id if same_id else str(uuid.uuid4()), outgoing.recipient_oin,
                                  outgoing.payload))
        if self.faults.hold_back:
            self.held.extend(batch)
            if len(self.held) >= self.faults.hold_back:
                self.rng.shuffle(self.held)
                self.outgoing.extend(self.held)
                self.held = []
        else:
            self.outgoing.extend(batch)

    def flush(self) -> None:
        """Release notifications held back for shuffling."""
        with self.lock:
            self.rng.shuffle(self.held)
            self.outgoing.extend(self.held)
            self.held = []

    def deliver(self) -> int:
        """Post queued notifications to Koers; what Koers does not accept stays queued. Returns how many went."""
        with self.lock:
            pending, self.outgoing = self.outgoing, []
        delivered, failed = 0, []
        for outgoing in pending:
            if self._post(outgoing):
                delivered += 1
            else:
                failed.append(outgoing)
        with self.lock:
            self.outgoing = failed + self.outgoing
        return delivered

    def _post(self, outgoing: Outgoing) -> bool:
        headers = {"bron": DUO_OIN, "doel": outgoing.recipient_oin, "berichtId": outgoing.message_id,
                   "Authorization": f"Bearer {self.token}", "Content-Type": "application/json"}
        try:
            response = self.session.post(self.koers_url, data=json.dumps(outgoing.payload), headers=headers, timeout=10)
        except requests.RequestException:
            return False
        return response.status_code == 201

    # ---- control endpoints ------------------------------------------------------------------------

    def _control(self, method: str, path: str, body: bytes) -> tuple[int, dict, bytes]:
        try:
            data = json.loads(body) if body else {}
            if method == "POST" and path == "/_simulator/gebeurtenissen":
                if data.get("bsn") not in self.persons or not isinstance(data.get("gebeurtenisId"), str):
                    return _json(400, {"fout": "Onbekend BSN of geen gebeurtenisId."})
                outgoing = self.emit(data["bsn"], data["gebeurtenisId"])
                self.deliver()
                return _json(201, {"berichtId": outgoing.message_id})
            if method == "POST" and path == "/_simulator/storingen":
                with self.lock:
                    self.faults = Faults(**{**asdict(self.faults), **data})
                return _json(200, asdict(self.faults))
            if method == "GET" and path == "/_simulator/staat":
                with self.lock:
                    return _json(200, {"personen": len(self.persons), "wachtrij": len(self.outgoing) + len(self.held),
                                       "verzoeken": self.requests_served, "storingen": asdict(self.faults)})
        except (ValueError, TypeError) as error:
            return _json(400, {"fout": str(error)})
        return _json(404, {"fout": "Onbekend"})


def _json(status: int, data: Any) -> tuple[int, dict, bytes]:
    return status, {"Content-Type": "application/json"}, json.dumps(data).encode()


def _header(headers: dict[str, str], name: str) -> str:
    return Headers(headers).get(name, "")


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _plus_one_year(day: dt.date) -> dt.date:
    """A year later; 29 February rolls to 1 March, as terms do (``koers.inburgering.terms``)."""
    return day.replace(year=day.year + 1) if (day.month, day.day) != (2, 29) else dt.date(day.year + 1, 3, 1)


def _verwijtbaar(data: dict) -> Verwijtbaar | None:
    return Verwijtbaar(data["verwijtbaar"]) if data.get("verwijtbaar") else None


def _refuse_on(violations: list) -> None:
    if violations:
        raise Refused(403, [violation.message for violation in violations])


# ---- what an event does to DUO's own state ----------------------------------------------------------

def _no_effect(person: SimPerson, day: dt.date) -> None:
    return None


def _new_duty(person: SimPerson, day: dt.date) -> None:
    person.plicht = {"indicatorInburgeringsplicht": True, "begindatum": person.plicht.get("begindatum") or day.isoformat(),
                     "datumKennisgevingInburgeringsplicht": day.isoformat()}


def _term_started(person: SimPerson, day: dt.date) -> None:
    start = _date(person.pip["dagtekeningPip"]) if person.pip else day
    end = inburgeringstermijn_end(start)
    person.termijn = {"startdatum": start.isoformat(), "einddatum": end.isoformat(), "wijzigingsdatum": day.isoformat()}
    person.termijn_historie.append({"einddatum": end.isoformat(), "wijzigingsdatum": day.isoformat()})


def _extended(person: SimPerson, day: dt.date) -> None:
    if not person.termijn:
        _term_started(person, day)
    end = _plus_one_year(_date(person.termijn["einddatum"]))
    person.termijn = {**person.termijn, "einddatum": end.isoformat(), "wijzigingsdatum": day.isoformat(),
                      "verlengingsgrondcode": "01", "verlengingsgrondomschrijving": VERLENGINGSGRONDEN[0]["omschrijving"]}
    person.termijn_historie.append({"einddatum": end.isoformat(), "wijzigingsdatum": day.isoformat(),
                                    "verlengingsgrondcode": "01"})


def _duty_ended(reden: str) -> Callable[[SimPerson, dt.date], None]:
    def effect(person: SimPerson, day: dt.date) -> None:
        person.plicht = {**person.plicht, "indicatorInburgeringsplicht": False, "einddatum": day.isoformat(),
                         "wijzigingsdatum": day.isoformat(), "redenGeenInburgeringsplicht": reden}
    return effect


def _granted(kind: str, **extra: str) -> Callable[[SimPerson, dt.date], None]:
    def effect(person: SimPerson, day: dt.date) -> None:
        part = {"oordeel": "Toekenning", "datumOordeel": day.isoformat(), **extra}
        target = person.ontheffingen if kind.endswith("Ontheffing") else person.vrijstellingen
        if kind == "TijdelijkeVrijstelling":
            part |= {"startdatum": day.isoformat(), "einddatum": _plus_one_year(day).isoformat()}
        target.append({kind: part})
    return effect


def _refused(kind: str, **extra: str) -> Callable[[SimPerson, dt.date], None]:
    def effect(person: SimPerson, day: dt.date) -> None:
        target = person.ontheffingen if kind.endswith("Ontheffing") else person.vrijstellingen
        target.append({kind: {"oordeel": "Afwijzing", "datumOordeel": day.isoformat(), **extra}})
    return effect


def _doelgroep(indeling: str, detail: str) -> Callable[[SimPerson, dt.date], None]:
    def effect(person: SimPerson, day: dt.date) -> None:
        person.doelgroep = {"indeling": indeling, "gedetailleerdeDoelgroep": detail, "begindatum": day.isoformat()}
    return effect


def _exam(person: SimPerson, day: dt.date) -> None:
    taken = {(e["onderdeel"], e["examendatum"]) for e in person.examens}
    part = next((code for code in ("KNM", "LE", "LU", "SC", "SP") if (code, day.isoformat()) not in taken), None)
    if part is not None:
        person.examens.append({"examendatum": day.isoformat(), "resultaat": "Geslaagd", "onderdeel": part, "niveau": "B1"})


def _lbt(person: SimPerson, day: dt.date) -> None:
    person.lbt.append({"resultaat": "B1-route haalbaar", "behaaldeScore": "62,50", "benodigdeScore": "50,00",
                       "datumAfname": day.isoformat()})


def _lbt_registered(person: SimPerson, day: dt.date) -> None:
    person.examennummer = f"LBT{person.bsn}"


def _resumed(person: SimPerson, day: dt.date) -> None:
    person.plicht = {key: value for key, value in person.plicht.items()
                     if key not in ("einddatum", "redenGeenInburgeringsplicht")} | {"indicatorInburgeringsplicht": True}


EVENT_EFFECTS: dict[str, Callable[[SimPerson, dt.date], None]] = {
    "SS101": _new_duty, "SS128": _new_duty, "SS139": _new_duty, "SS120": _new_duty, "SS121": _new_duty,
    "SS129": _resumed, "SS130": _resumed,
    "SS102": _term_started, "SS103": _extended, "SS104": _extended,
    "SS106": _duty_ended("Inburgeringsplicht voldaan"),
    "SS107": lambda p, d: (_granted("GeheleVrijstelling", reden="DIP")(p, d), _duty_ended("Volledige vrijstelling")(p, d)),
    "SS108": lambda p, d: (_granted("GeheleOntheffing", grond="MED")(p, d), _duty_ended("Volledige ontheffing")(p, d)),
    "SS109": lambda p, d: (_granted("TijdelijkeVrijstelling", reden="OPL")(p, d), _duty_ended("Tijdelijke vrijstelling")(p, d)),
    "SS110": _duty_ended("Overig"), "SS111": _duty_ended("Overlijden"),
    "SS114": _refused("GeheleVrijstelling", reden="DIP"), "SS115": _refused("TijdelijkeVrijstelling", reden="OPL"),
    "SS116": _refused("GedeeltelijkeVrijstelling", reden="DOC"),
    "SS117": _granted("GedeeltelijkeVrijstelling", reden="DOC", examenonderdeel="LE", examenniveau="B1"),
    "SS118": _refused("GeheleOntheffing", grond="MED"),
    "SS119": _granted("GedeeltelijkeOntheffing", grond="MED", examenonderdeel="SP"),
    "SS124": _doelgroep("Gezinsmigrant en overige migrant", "Overig"),
    "SS125": _doelgroep("Asielstatushouder", "Asielstatushouder"),
    "SS131": _lbt, "SS137": _lbt_registered, "SS199": _exam,
}

DEMO_EVENTS = ("SS199", "SS137", "SS131", "SS127", "SS112", "SS142", "SS103")
"""What ``koers duo-simulator --events-every`` makes happen to random persons: events of a running duty,
none that ends it, so the demo's dossiers stay as they were generated."""

_REASONS = {200: "OK", 201: "Created", 204: "No Content", 400: "Bad Request", 403: "Forbidden", 404: "Not Found",
            500: "Internal Server Error", 503: "Service Unavailable"}

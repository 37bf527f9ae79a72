"""The inburgering route of a generated person, as plain rows: the duty (start at the koppeling, the
10-week leerroute term from BRP registration), the brede intake and the PIP versions for those past
the intake, DUO's 3-year term from the PIP's dagtekening, for asylum migrants an offer at the site's
language school with monthly hours (some falling behind), exam results, MAP/PVT/Z-route dates, and a
few extensions, exemptions, ontheffingen and municipal fines.

Everything is relative to the generator's "today": terms run out in the past and ahead, leerroutes
are set late now and then, so the attention lists have overdue and upcoming deadlines to show.
Like the rest of the generator it works on day ordinals and plain strings, for speed.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from koers.inburgering.constants import (
    BesluitStatus,
    BoeteGrond,
    BoeteStatus,
    Bron,
    Doelgroepindeling,
    Examenonderdeel,
    IntakeStatus,
    Leerroute,
    OntheffingGrond,
    PipStatus,
    PlichtStatus,
    VerlengingSoort,
    VrijstellingSoort,
)

ROUTE_COLUMNS: dict[str, tuple[str, ...]] = {
    "plichten": (
        "id", "person_id", "start_date", "doelgroep", "gedetailleerde_doelgroep", "leerroute_term_start",
        "termijn_start", "termijn_end", "status", "ended_on", "source", "updated_at",
    ),
    "verlengingen": (
        "id", "person_id", "soort", "status", "requested_on", "decided_on", "new_end", "reason", "source",
        "created_at",
    ),
    "vrijstellingen": (
        "id", "person_id", "soort", "components", "start_date", "end_date", "reason", "source", "created_at",
    ),
    "ontheffingen": (
        "id", "person_id", "grond", "volledig", "decided_on", "reason", "source", "created_by_id", "created_at",
    ),
    "intakes": (
        "id", "person_id", "status", "conversation_date", "conversation_language", "interpreter", "answers",
        "summary", "conducted_by_id", "created_at", "updated_at", "completed_at",
    ),
    "pips": (
        "id", "person_id", "number", "status", "brede_intake_id", "dagtekening", "leerroute", "niveau",
        "geschatte_intensiteit", "alfabetisering", "map", "pvt", "ontzorgen", "maatschappelijke_begeleiding",
        "goals", "activities", "participation", "explanation", "letter_language", "signed_on",
        "objection_filed_on", "objection_outcome", "sent_to_duo_at", "created_by_id", "decided_by_id",
        "created_at", "decided_at",
    ),
    "aanbod": (
        "id", "person_id", "instelling_id", "datum_inburgeringsaanbod", "verwachte_startdatum",
        "verwachte_einddatum", "taalschakeltraject", "planned_hours_per_week", "ended_on", "sent_to_duo_at",
        "created_at",
    ),
    "uren": (
        "id", "person_id", "aanbod_id", "period_start", "period_end", "hours_offered", "hours_attended",
        "hours_absent_excused", "absence_note", "source", "reported_by_id", "reported_at",
    ),
    "examens": ("id", "person_id", "onderdeel", "niveau", "exam_date", "passed", "source", "created_at"),
    "onderdelen": ("id", "person_id", "soort", "date", "verwijtbaar", "source", "sent_to_duo_at", "updated_at"),
    "boetes": (
        "id", "person_id", "grond", "status", "facts", "warning_date", "hearing_date", "hearing_notes",
        "decision_date", "amount", "objection_filed_on", "objection_outcome", "paid_on", "closed_reason",
        "created_by_id", "created_at", "updated_at",
    ),
}

ASIEL_GROUP = Doelgroepindeling.ASIELSTATUSHOUDER.value
OTHER_GROUP = Doelgroepindeling.GEZINSMIGRANT_EN_OVERIGE_MIGRANT.value
LOPEND, VOLDAAN, VRIJGESTELD, ONTHEVEN = (
    PlichtStatus.LOPEND.value, PlichtStatus.VOLDAAN.value, PlichtStatus.VRIJGESTELD.value,
    PlichtStatus.ONTHEVEN.value,
)
FROM_DUO, FROM_KOERS, FROM_PROVIDER = Bron.DUO.value, Bron.KOERS.value, Bron.AANBIEDER.value
B1, ONDERWIJS, Z = Leerroute.B1_ROUTE.value, Leerroute.ONDERWIJSROUTE.value, Leerroute.Z_ROUTE.value
COMPONENTS = tuple(Examenonderdeel.values)
KNM = Examenonderdeel.KNM.value
LEERROUTE_WEEKS_DAYS = 70
TERM_YEARS = 3
# Hours offered in a month, by month number: fewer in the summer holiday and at Christmas.
MONTH_WEEKS = {1: 4.0, 2: 4.0, 3: 4.3, 4: 4.0, 5: 4.0, 6: 4.3, 7: 2.0, 8: 1.0, 9: 4.3, 10: 4.3, 11: 4.3, 12: 3.0}
HOURS_MONTHS = 6  # half a year of monthly figures: what the tab and the signals look at
VERLENGING_REASON = "Termijn loopt af terwijl het examen nog niet behaald is; inspanning aangetoond."
FACTS = {
    BoeteGrond.BREDE_INTAKE.value: "Niet verschenen op twee afspraken voor de brede intake, zonder bericht.",
    BoeteGrond.PIP_NIET_NAGEKOMEN.value: "Lessen en voortgangsgesprekken herhaaldelijk niet bijgewoond.",
}


@lru_cache(maxsize=1 << 14)
def years_later(ordinal: int, years: int) -> int:
    """The anniversary ``years`` on; 29 February rolls to 1 March (as ``terms.inburgeringstermijn_end``)."""
    day = dt.date.fromordinal(ordinal)
    try:
        return day.replace(year=day.year + years).toordinal()
    except ValueError:
        return dt.date(day.year + years, 3, 1).toordinal()


@lru_cache(maxsize=1 << 12)
def month_bounds(ordinal: int) -> tuple[int, int, int]:
    """(first day, last day, month number) of the month holding ``ordinal``."""
    day = dt.date.fromordinal(ordinal)
    first = day.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return first.toordinal(), following.toordinal() - 1, day.month


def _level(component: str) -> str:
    """KNM has no language level; the language components are taken at B1."""
    return "NVT" if component == KNM else "B1"


@lru_cache(maxsize=1 << 12)
def month_row(first: int) -> tuple[str, str, float, int]:
    """For the month starting on ordinal ``first``: its first and last day as ISO text, the weeks of
    lessons in it, and the ordinal of the next month's first day."""
    _, last, number = month_bounds(first)
    return (
        dt.date.fromordinal(first).isoformat(), dt.date.fromordinal(last).isoformat(), MONTH_WEEKS[number],
        last + 1,
    )


class RouteRecords:
    """Mixed into ``DossierGenerator``: ``_route`` adds one person's inburgering records to the chunk."""

    def _route(
        self,
        person_id: int,
        site,
        target_group: str,
        koppeling: int,
        brp: int,
        age: int,
        language: str,
        consultant: int | None,
    ) -> None:
        rng = self.rng
        today = self.today
        chunk = self.chunk
        asylum = target_group == "asiel"
        registered = brp <= today
        plicht_id = self._id("plichten")
        status, ended = LOPEND, None
        termijn_start = termijn_end = None
        pip_day = None
        if registered:
            pip_day = self._intake_and_pip(person_id, asylum, brp, age, language, consultant)
        if pip_day is not None:
            pip_day, leerroute = pip_day
            termijn_start = pip_day
            termijn_end = years_later(pip_day, TERM_YEARS)
            termijn_end = self._extensions(person_id, termijn_end)
            status, ended = self._results(person_id, site, asylum, leerroute, pip_day, termijn_end, consultant)
        if status == LOPEND and rng.chance(0.03):
            status, ended = self._decisions(person_id, koppeling, consultant)
        if asylum and pip_day is not None and rng.chance(0.03):
            self._fine(person_id, pip_day, consultant)
        chunk.plichten.append(
            (
                plicht_id, person_id, self._date(koppeling), ASIEL_GROUP if asylum else OTHER_GROUP, "",
                self._date(brp) if registered else None,
                self._date(termijn_start) if termijn_start else None,
                self._date(termijn_end) if termijn_end else None,
                status, self._date(ended) if ended else None, FROM_DUO,
                self._ts(self._moment(min(today, max(koppeling, ended or termijn_start or koppeling)))),
            )
        )

    # -- brede intake and PIP --------------------------------------------------------------------

    def _intake_and_pip(
        self, person_id: int, asylum: bool, brp: int, age: int, language: str, consultant: int | None
    ) -> tuple[int, str] | None:
        """The intake after BRP registration and, once decided, the PIP: mostly within the 10 weeks,
        now and then late. Returns (dagtekening of the first PIP, leerroute) or ``None``."""
        rng = self.rng
        today = self.today
        conversation = brp + rng.between(7, 40)
        if conversation > today:
            return None
        late = rng.chance(0.15)
        dagtekening = brp + (rng.between(71, 140) if late else rng.between(35, 70))
        completed = min(dagtekening - rng.between(1, 10), conversation + rng.between(7, 21))
        intake_done = completed <= today
        intake_id = self._id("intakes")
        self.chunk.intakes.append(
            (
                intake_id, person_id, IntakeStatus.AFGEROND.value if intake_done else IntakeStatus.CONCEPT.value,
                self._date(conversation), language[:3], rng.chance(0.7), "{}",
                "Brede intake afgerond; zie de antwoorden per domein." if intake_done else "",
                consultant, self._ts(self._moment(conversation)),
                self._ts(self._moment(completed if intake_done else conversation)),
                self._ts(self._moment(completed)) if intake_done else None,
            )
        )
        if dagtekening > today:
            return None
        leerroute = B1 if age >= 28 or rng.chance(0.8) else ONDERWIJS
        if leerroute == B1 and rng.chance(0.22):
            leerroute = Z
        versions = [dagtekening]
        if rng.chance(0.12):
            revised = dagtekening + rng.between(90, 500)
            if revised <= today:
                versions.append(revised)
        for number, day in enumerate(versions, start=1):
            current = number == len(versions)
            self.chunk.pips.append(
                (
                    self._id("pips"), person_id, number,
                    PipStatus.VASTGESTELD.value if current else PipStatus.VERVANGEN.value, intake_id,
                    self._date(day), leerroute, "A2" if leerroute == Z else "B1",
                    rng.between(400, 1200) if leerroute == B1 and asylum else None,
                    "NVT", True, True, asylum and rng.chance(0.8), asylum,
                    "Taal leren tot het niveau van de leerroute; meedoen via werk of vrijwilligerswerk.",
                    "Taallessen, KNM, MAP en PVT.", "", "", language[:3], self._date(day + rng.between(0, 10)),
                    None, "", self._ts(self._moment(day + 1)), consultant, consultant,
                    self._ts(self._moment(day - rng.between(1, 7))), self._ts(self._moment(day)),
                )
            )
        return dagtekening, leerroute

    # -- the term: extensions, results, decisions ------------------------------------------------

    def _extensions(self, person_id: int, end: int) -> int:
        """A few extensions near the end of the term (ex officio or on request, now and then
        refused); returns the einddatum after them."""
        rng = self.rng
        if not rng.chance(0.07):
            return end
        decided = end - rng.between(20, 90)
        if decided > self.today:
            return end
        soort = VerlengingSoort.AMBTSHALVE.value if rng.chance(0.6) else VerlengingSoort.OP_VERZOEK.value
        refused = soort == VerlengingSoort.OP_VERZOEK.value and rng.chance(0.25)
        new_end = None if refused else (years_later(end, 1) if rng.chance(0.3) else end + 183)
        requested = decided - rng.between(14, 60) if soort == VerlengingSoort.OP_VERZOEK.value else None
        self.chunk.verlengingen.append(
            (
                self._id("verlengingen"), person_id, soort,
                BesluitStatus.GEWEIGERD.value if refused else BesluitStatus.TOEGEKEND.value,
                self._date(requested) if requested else None, self._date(decided),
                self._date(new_end) if new_end else None, VERLENGING_REASON, FROM_DUO,
                self._ts(self._moment(decided)),
            )
        )
        return new_end or end

    def _results(
        self, person_id: int, site, asylum: bool, leerroute: str, start: int, end: int, consultant: int | None
    ) -> tuple[str, int | None]:
        """Offer and hours (asylum migrants), PVT, MAP, exams or Z-route; returns the duty's status."""
        rng = self.rng
        today = self.today
        finish = start + rng.between(480, 1300)  # the day the route is completed, if it is
        diligence = rng.random()
        if asylum and site.instelling_id is not None and rng.chance(0.95):
            self._offer(person_id, site, leerroute, start, end, finish, diligence)
        for soort, low, high in (("pvt", 90, 700), ("map", 150, 900)):
            day = start + rng.between(low, high)
            if day <= today and day < end and day < finish:
                self.chunk.onderdelen.append(
                    (self._id("onderdelen"), person_id, soort, self._date(day), "", FROM_KOERS,
                     self._ts(self._moment(day + 3)), self._ts(self._moment(day)))
                )
        if leerroute == Z:
            if finish <= today:
                self.chunk.onderdelen.append(
                    (self._id("onderdelen"), person_id, "zroute", self._date(finish), "", FROM_KOERS, None,
                     self._ts(self._moment(finish)))
                )
                return VOLDAAN, finish
            return LOPEND, None
        passed_all = True
        for component in COMPONENTS:
            passed_all &= self._exam(person_id, component, start, finish)
        if passed_all and finish <= today:
            return VOLDAAN, finish
        return LOPEND, None

    def _exam(self, person_id: int, component: str, start: int, finish: int) -> bool:
        """Sittings of one component: now and then a failed attempt first; True when passed by today."""
        rng = self.rng
        today = self.today
        day = max(start + 180, finish - rng.between(0, 150))
        if rng.chance(0.25):
            failed = day - rng.between(60, 150)
            if start < failed <= today:
                self.chunk.examens.append(
                    (self._id("examens"), person_id, component, _level(component), self._date(failed), False, FROM_DUO,
                     self._ts(self._moment(failed + 21)))
                )
        if day > today:
            return False
        self.chunk.examens.append(
            (self._id("examens"), person_id, component, _level(component), self._date(day),
             True, FROM_DUO, self._ts(self._moment(min(today, day + 21))))
        )
        return True

    def _offer(
        self, person_id: int, site, leerroute: str, pip: int, end: int, finish: int, diligence: float
    ) -> None:
        rng = self.rng
        today = self.today
        offered_on = pip + rng.between(7, 45)
        if offered_on > today:
            return
        course_start = offered_on + rng.between(0, 14)
        course_end = min(end, course_start + rng.between(540, 800))
        weekly = 10 if leerroute == Z else rng.choice((6, 8, 8, 10, 12))
        aanbod_id = self._id("aanbod")
        self.chunk.aanbod.append(
            (
                aanbod_id, person_id, site.instelling_id, self._date(offered_on), self._date(course_start),
                self._date(course_end), leerroute == ONDERWIJS, str(weekly), None,
                self._ts(self._moment(offered_on + 2)), self._ts(self._moment(offered_on)),
            )
        )
        # How well this person attends: most do, some fall behind, a few drop away.
        if diligence < 0.75:
            share = 0.85 + 0.15 * rng.random()
        elif diligence < 0.95:
            share = 0.6 + 0.25 * rng.random()
        else:
            share = 0.15 + 0.4 * rng.random()
        last = min(today - 1, course_end - 1, finish)
        month = month_bounds(max(course_start, last - 31 * HOURS_MONTHS))[0]
        rows = self.chunk.uren
        reported = self._ts(self._moment(min(today, last)))
        next_id = self.next["uren"]
        random = rng.random
        school = site.school_id
        while month <= last:
            first, final, weeks, following = month_row(month)
            offered = round(weekly * weeks, 1)
            attended = round(offered * min(1.0, share + 0.1 * (random() - 0.5)), 1)
            excused = round(min(offered - attended, offered * 0.1 * random()), 1)
            rows.append(
                (next_id, person_id, aanbod_id, first, final, offered, attended, excused,
                 "Ziek gemeld" if excused >= 2 else "", FROM_PROVIDER, school, reported)
            )
            next_id += 1
            month = following
        self.next["uren"] = next_id

    def _decisions(self, person_id: int, koppeling: int, consultant: int | None) -> tuple[str, int | None]:
        """An exemption or an ontheffing; a full one ends the duty."""
        rng = self.rng
        day = koppeling + rng.between(60, 900)
        if day > self.today:
            return LOPEND, None
        if rng.chance(0.6):
            soort = rng.choice(tuple(VrijstellingSoort.values))
            end = day + rng.between(90, 365) if soort == VrijstellingSoort.TIJDELIJK.value else None
            components = '["spreken", "schrijven"]' if soort == VrijstellingSoort.GEDEELTELIJK.value else "[]"
            self.chunk.vrijstellingen.append(
                (self._id("vrijstellingen"), person_id, soort, components, self._date(day),
                 self._date(end) if end else None, "Medische verklaring van de keuringsarts.", FROM_DUO,
                 self._ts(self._moment(day)))
            )
            return (VRIJGESTELD, day) if soort == VrijstellingSoort.VOLLEDIG.value else (LOPEND, None)
        full = rng.chance(0.7)
        self.chunk.ontheffingen.append(
            (self._id("ontheffingen"), person_id, rng.choice(tuple(OntheffingGrond.values)), full,
             self._date(day), "Besluit van DUO na advies.", FROM_DUO, None, self._ts(self._moment(day)))
        )
        return (ONTHEVEN, day) if full else (LOPEND, None)

    def _fine(self, person_id: int, pip: int, consultant: int | None) -> None:
        """A municipal fine at some step of its workflow."""
        rng = self.rng
        today = self.today
        grond = BoeteGrond.PIP_NIET_NAGEKOMEN.value if rng.chance(0.8) else BoeteGrond.BREDE_INTAKE.value
        warning = pip + rng.between(60, 700) if grond == BoeteGrond.PIP_NIET_NAGEKOMEN.value else pip - rng.between(5, 30)
        if warning > today:
            return
        hearing = warning + rng.between(14, 30)
        decision = hearing + rng.between(7, 30)
        paid = decision + rng.between(20, 75)
        maximum = BoeteGrond(grond).maximum_euro
        status, closed = BoeteStatus.WAARSCHUWING.value, ""
        hearing_day = decision_day = paid_day = amount = None
        if hearing <= today and rng.chance(0.85):
            status, hearing_day = BoeteStatus.HOORZITTING.value, hearing
            if decision <= today and rng.chance(0.8):
                status, decision_day = BoeteStatus.BESLUIT.value, decision
                amount = f"{rng.between(maximum // 5, maximum)}.00"
                if paid <= today and rng.chance(0.7):
                    status, paid_day = BoeteStatus.BETAALD.value, paid
            elif rng.chance(0.2):
                status, closed = BoeteStatus.VERVALLEN.value, "Zienswijze aannemelijk: toch geen boete."
        moment = self._ts(self._moment(min(today, max(d for d in (warning, hearing_day, decision_day, paid_day) if d))))
        self.chunk.boetes.append(
            (
                self._id("boetes"), person_id, grond, status, FACTS[grond], self._date(warning),
                self._date(hearing_day) if hearing_day else None,
                "Zienswijze gehoord met tolk." if hearing_day else "",
                self._date(decision_day) if decision_day else None, amount, None, "",
                self._date(paid_day) if paid_day else None, closed, consultant,
                self._ts(self._moment(warning)), moment,
            )
        )

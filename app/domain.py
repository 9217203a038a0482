"""The domain: a structure, its candidate, their experience, courses and the two paths.

Plain, immutable, typed objects — no Qt, no database, no JSON. The exchange format
(`app.exchange`) reads and writes them; the evaluators (`app.evaluation`) judge them.
Amounts and hours are kept as the numbers given (int or float).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

StructureKind = Literal["AI", "ACI", "EI", "ETTI", "other"]
STRUCTURE_KINDS: tuple[StructureKind, ...] = ("AI", "ACI", "EI", "ETTI", "other")

FinancingSource = Literal["opca", "cpf", "professionalisation", "training_plan", "own_funds"]
FINANCING_SOURCES: tuple[FinancingSource, ...] = (
    "opca",
    "cpf",
    "professionalisation",
    "training_plan",
    "own_funds",
)

GapStatus = Literal["yes", "partial", "no"]
GAP_STATUSES: tuple[GapStatus, ...] = ("yes", "partial", "no")

CommissionDecision = Literal["pending", "accepted", "rejected"]
COMMISSION_DECISIONS: tuple[CommissionDecision, ...] = ("pending", "accepted", "rejected")

SessionResult = Literal["validated", "not_validated"]
SESSION_RESULTS: tuple[SessionResult, ...] = ("validated", "not_validated")

# The jury's decision on a VAE: the whole title, some of its certificates (CCP), none.
VaeOutcome = Literal["validated", "partial", "not_validated"]
VAE_OUTCOMES: tuple[VaeOutcome, ...] = ("validated", "partial", "not_validated")


@dataclass(frozen=True, slots=True)
class Structure:
    """The SIAE member of COORACE that employs the candidate."""

    name: str
    siret: str
    kind: StructureKind
    region: str
    address: str | None = None
    director: str | None = None
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True, slots=True)
class Candidate:
    """An employee of the structure who wants a title."""

    ref: str
    last_name: str
    first_name: str
    birth_date: date | None = None
    email: str | None = None
    phone: str | None = None
    job_title: str | None = None
    hired_on: date | None = None
    contract: str | None = None


@dataclass(frozen=True, slots=True)
class EmployerAgreement:
    given_on: date
    signatory: str


@dataclass(frozen=True, slots=True)
class ExperiencePeriod:
    """A job held; `end` None means still in it. Counts for CIP-EXP when
    `accompaniment_function` is true."""

    start: date
    accompaniment_function: bool
    end: date | None = None
    fte: float = 1.0
    employer: str | None = None
    job_title: str | None = None


@dataclass(frozen=True, slots=True)
class CourseTaken:
    """A COORACE Formation course the candidate followed (an attestation)."""

    code: str
    ended_on: date
    title: str | None = None
    attestation: str | None = None
    added_by_hand: bool = False  # typed by the counsellor, not picked from the catalogue


@dataclass(frozen=True, slots=True)
class FinancingLine:
    source: FinancingSource
    amount_eur: float
    hours: float | None = None


@dataclass(frozen=True, slots=True)
class GapAssessment:
    """One competence of the CIP title: does the current job (emploi-repère) cover it?"""

    competence: str
    status: GapStatus
    note: str | None = ""


@dataclass(frozen=True, slots=True)
class UpgradingCourse:
    """A complementary course planned after a positioning test below the threshold."""

    title: str
    starts_on: date | None = None
    ends_on: date | None = None


@dataclass(frozen=True, slots=True)
class Closure:
    """A candidacy closed (« abandon »): the day, the reason (a key of
    resources/closure_reasons.toml), a note; `resumed_on` once taken up again."""

    on: date
    reason: str
    note: str | None = None
    resumed_on: date | None = None

    @property
    def closed(self) -> bool:
        return self.resumed_on is None


@dataclass(frozen=True, slots=True)
class CipPath:
    """The CIP title by collective VAE; None fields are steps not reached yet. The steps
    after `gap_analysis` are recorded by the CIP wizard (exchange: optional keys)."""

    positioning_score_pct: float | None = None
    admissibility_decision_on: date | None = None
    vae_result_on: date | None = None
    cost_eur: float | None = None
    financing: tuple[FinancingLine, ...] = ()
    gap_analysis: tuple[GapAssessment, ...] = ()
    collective_meeting_on: date | None = None
    targeted_meeting_on: date | None = None
    positioning_on: date | None = None
    upgrading_courses: tuple[UpgradingCourse, ...] = ()
    retest_on: date | None = None
    admissibility_filed_on: date | None = None
    accompaniment_sessions: tuple[date, ...] = ()
    jury_on: date | None = None
    vae_outcome: VaeOutcome | None = None
    closure: Closure | None = None
    # for a partial outcome: the activities (CCP) of the title validated, by number
    validated_activities: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Commission:
    """The joint commission COORACE-AROBASE's review of a CISP registration."""

    decision: CommissionDecision
    date: date | None = None


@dataclass(frozen=True, slots=True)
class PoleSession:
    """A synthesis and certification session for one competence pole (1 to 4)."""

    pole: int
    date: date
    result: SessionResult


@dataclass(frozen=True, slots=True)
class PlannedCourse:
    """A course of the individual CISP path still to take, and when it is planned."""

    code: str
    planned_on: date | None = None


@dataclass(frozen=True, slots=True)
class CispPath:
    """The CISP title by capitalisation of COORACE Formation courses. The keys after
    `pole_sessions` are recorded by the CISP wizard (exchange: optional keys)."""

    registered_on: date | None = None
    commission: Commission | None = None
    pole_sessions: tuple[PoleSession, ...] = ()
    filed_by_employer: bool | None = None
    contracted_on: date | None = None
    planned_courses: tuple[PlannedCourse, ...] = ()
    closure: Closure | None = None


@dataclass(frozen=True, slots=True)
class Dossier:
    """Everything about one candidate that travels to COORACE."""

    structure: Structure
    candidate: Candidate
    employer_agreement: EmployerAgreement | None = None
    experiences: tuple[ExperiencePeriod, ...] = ()
    courses: tuple[CourseTaken, ...] = ()
    cip: CipPath | None = None
    cisp: CispPath | None = None
    # when the document was written by an export (aware); None for a record in the store
    exported_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class CatalogueCourse:
    """A COORACE Formation course as the catalogue describes it."""

    code: str
    title: str
    pole: int
    hours: float
    capitalisable: bool
    required: bool


@dataclass(frozen=True, slots=True)
class Catalogue:
    """COORACE Formation's course catalogue (reference data, imported from a file).

    `example` marks an invented catalogue, never to be presented as COORACE's.
    A catalogue read from CSV has no version or publication date.
    """

    name: str
    courses: tuple[CatalogueCourse, ...]
    version: str | None = None
    published_on: date | None = None
    example: bool = False
    _by_code: dict[str, CatalogueCourse] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )
    _by_pole: dict[int, tuple[CatalogueCourse, ...]] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        self._by_code.update((course.code, course) for course in self.courses)
        for course in self.courses:
            if course.capitalisable and course.required:
                self._by_pole[course.pole] = (*self._by_pole.get(course.pole, ()), course)

    def course(self, code: str) -> CatalogueCourse | None:
        return self._by_code.get(code)

    def required_for_pole(self, pole: int) -> tuple[CatalogueCourse, ...]:
        """A pole's path: its required capitalisable courses."""
        return self._by_pole.get(pole, ())

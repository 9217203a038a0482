"""« Capitalisation CISP… »: the CISP wizard (title by capitalisation of COORACE Formation
courses), one page per step: registration, joint commission, courses already taken, the
individual path per pole, the sessions per pole, and the summary from `evaluate`. Every
page shows its live checks from what all the steps hold each time it is shown: Back, too,
takes what the page it leaves shows (`CispWizard._entered`)."""

from __future__ import annotations

import copy

from ui.support.sizes import fit_to_screen
from ui.wizards.base import PathWizard
from ui.wizards.cisp.commission import CommissionPage
from ui.wizards.cisp.courses import CoursesPage
from ui.wizards.cisp.individual_path import IndividualPathPage
from ui.wizards.cisp.page_ids import COMMISSION, COURSES, PATH, REGISTRATION, SESSIONS, SUMMARY
from ui.wizards.cisp.registration import RegistrationPage
from ui.wizards.cisp.sessions import SessionsPage
from ui.wizards.cisp.summary import SummaryPage
from ui.wizards.step import StepPage


class CispWizard(PathWizard):
    path = "cisp"
    title = "Capitalisation CISP (titre par capitalisation)"
    owned = ("employer_agreement", "courses")

    def __init__(self, store, rules, catalogue, candidate_id: int, parent=None) -> None:
        super().__init__(store, rules, catalogue, candidate_id, parent)
        self.on_page: int | None = None  # the page shown, to know the one left by Back
        self.pages = {
            REGISTRATION: RegistrationPage(),
            COMMISSION: CommissionPage(),
            COURSES: CoursesPage(),
            PATH: IndividualPathPage(),
            SESSIONS: SessionsPage(),
            SUMMARY: SummaryPage(),
        }
        for page_id, page in self.pages.items():
            self.setPage(page_id, page)
        self.setStartId(REGISTRATION)
        fit_to_screen(self, 1040, 720)

    def _entered(self, page_id: int) -> None:
        """Every page shows its live checks from the document as it is now: Next wrote the
        page it left (`validatePage`); Back writes it here, so that going back to an
        earlier step shows what the later ones hold (a course removed on step 3 is no
        longer named by CISP-RETRO on step 1)."""
        left, self.on_page = self.on_page, page_id
        if left is not None and 0 <= page_id < left:
            self._take_back(self.page(left))
        super()._entered(page_id)

    def _take_back(self, page) -> None:
        """What the page left by Back shows, into the document: all of it when it can be
        read, the complete rows of the courses page otherwise (its other rows wait, on
        screen, for Next, which refuses them with their message); else nothing."""
        if not isinstance(page, StepPage):
            return
        trial = copy.deepcopy(self.document)
        problems: list[str] = []
        page.dump(trial, problems)
        if problems and isinstance(page, CoursesPage):
            trial = copy.deepcopy(self.document)
            trial["courses"] = page.readable_courses()
            problems = []
        if not problems and not self.format_problems(trial):
            self.document = trial

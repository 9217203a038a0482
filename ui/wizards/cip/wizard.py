"""« Éligibilité CIP… »: the CIP wizard (collective VAE), one page per step. After the
positioning test the path branches: at or above the threshold, the VAE; below it, an
upgrading plan; no score yet, straight to the financing plan."""

from __future__ import annotations

from ui.wizards.base import (
    PathWizard,
)
from ui.wizards.cip.agreement import AgreementPage
from ui.wizards.cip.experience import ExperiencePage
from ui.wizards.cip.financing import FinancingPage
from ui.wizards.cip.gap_analysis import GapPage
from ui.wizards.cip.meetings import MeetingsPage
from ui.wizards.cip.page_ids import (
    AGREEMENT,
    EXPERIENCE,
    FINANCING,
    GAPS,
    MEETINGS,
    POSITIONING,
    SUMMARY,
    UPGRADING,
    VAE,
)
from ui.wizards.cip.positioning import PositioningPage
from ui.wizards.cip.summary import SummaryPage
from ui.wizards.cip.upgrading import UpgradingPage
from ui.wizards.cip.vae import VaePage


class CipWizard(PathWizard):
    path = "cip"
    title = "Éligibilité CIP (VAE collective)"
    owned = ("employer_agreement", "experiences")

    def __init__(self, store, rules, catalogue, candidate_id: int, parent=None) -> None:
        super().__init__(store, rules, catalogue, candidate_id, parent)
        self.pages = {
            AGREEMENT: AgreementPage(),
            EXPERIENCE: ExperiencePage(),
            MEETINGS: MeetingsPage(),
            GAPS: GapPage(),
            POSITIONING: PositioningPage(),
            VAE: VaePage(),
            UPGRADING: UpgradingPage(),
            FINANCING: FinancingPage(),
            SUMMARY: SummaryPage(),
        }
        for page_id, page in self.pages.items():
            self.setPage(page_id, page)
        self.setStartId(AGREEMENT)

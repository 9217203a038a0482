"""Aide › Guide d'utilisation: the French guide of `resources/guide/guide.html`, in a
non-modal dialog with a search box.

The guide never types a figure of the rules: every `{name}` of the HTML is replaced, when
the dialog opens, by a value of the rules in use, written the French way (`guide_values`).
The rules are the parent's (`parent.rules`, the main window's and the wizards' campaign)
or else the campaign shipped with the app.

Every wizard page has its anchor in the guide, `<path>-<page>`: the path (`cip`, `cisp`)
comes from the page's module (`ui.wizards.cip.…`), the page from `PAGE_ANCHORS`, keyed by
the page's class name (`AgreementPage` → `cip-agreement`). A page whose class is not
there, or whose anchor the guide does not have, falls back to the part on its wizard
(`cip`, `cisp`): a new page needs an entry here and a part in the guide to get its own.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import cache

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QKeySequence, QPalette, QShortcut, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.french import days, euros, number, percent, plural
from app.referentials import cip_referential, cisp_referential
from app.resources import resource
from app.rules import Rules, load_rules
from ui.support.sizes import fit_to_screen

GUIDE_FILE = resource("guide", "guide.html")
TITLE = "Guide d'utilisation — Passerelle"
TOP = "top"  # the anchor of the guide's title and table of contents

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
ANCHOR_NAME = re.compile(r"<a\s+name=\"([^\"]+)\"")
NBSP = "\u00a0"
ANCHOR_SPACE = 10  # pixels kept above a part opened at its anchor

# A wizard page's class name → its part in the guide, after the path: `cip-agreement`.
PAGE_ANCHORS = {
    # CIP (ui/wizards/cip/)
    "AgreementPage": "agreement",
    "ExperiencePage": "experience",
    "MeetingsPage": "meetings",
    "GapPage": "gap-analysis",
    "PositioningPage": "positioning",
    "VaePage": "vae",
    "UpgradingPage": "upgrading",
    "FinancingPage": "financing",
    # CISP (ui/wizards/cisp/)
    "RegistrationPage": "registration",
    "CommissionPage": "commission",
    "CoursesPage": "courses",
    "IndividualPathPage": "individual-path",
    "SessionsPage": "sessions",
    # both
    "SummaryPage": "summary",
}
WIZARD_PATHS = ("cip", "cisp")
NOT_A_WIZARD_PAGE = "interview"


def _bound(text: str) -> str:
    """A figure and its unit kept on one line (« 1380 € », « 3 ans »)."""
    return text.replace(" ", NBSP)


def _counted(count: int, singular: str, plural_form: str) -> str:
    return _bound(f"{number(count)} {plural(count, singular, plural_form)}")


def guide_values(rules: Rules) -> dict[str, str]:
    """What each `{name}` of the guide becomes, as plain text, from the rules (and the
    titles' referentials)."""
    value = rules.value
    threshold = percent(value("positioning_threshold_pct"))
    success = "d'au moins" if value("positioning_threshold_inclusive") else "de plus de"
    cip, cisp = cip_referential(), cisp_referential()
    return {
        "min_experience_years": _counted(value("min_experience_years"), "an", "ans"),
        "min_group_size": _counted(value("min_group_size"), "personne", "personnes"),
        "mobilisation_days": _bound(days(value("mobilisation_days"))),
        "mobilisation_months": _bound(f"{number(value('mobilisation_months'))} mois"),
        "max_cost_eur": _bound(euros(value("max_cost_eur"))),
        "opca_amount_eur": _bound(euros(value("opca_amount_eur"))),
        "opca_name": value("opca_name"),
        "cpf_max_hours": _bound(f"{number(value('cpf_max_hours'))} h"),
        "positioning_threshold_pct": _bound(threshold),
        "positioning_success": f"{success} {_bound(threshold)}",
        "vae_max_months": _bound(f"{number(value('vae_max_months'))} mois"),
        "retroactivity_years": _counted(value("retroactivity_years"), "an", "ans"),
        "max_path_years": _counted(value("max_path_years"), "an", "ans"),
        "deadline_warning_days": _bound(days(value("deadline_warning_days"))),
        "activity_count": _counted(len(cip.activities), "activité", "activités"),
        "pole_count": _counted(len(cisp.poles), "pôle", "pôles"),
        "pole_titles": f"{NBSP}; ".join(pole.title for pole in cisp.poles),
        "cip_title": cip.title.name,
        "cisp_title": cisp.title.name,
    }


def guide_html(rules: Rules | None = None) -> str:
    """The guide's HTML with every `{name}` filled from `rules` (default: the shipped
    campaign). A name the guide uses and `guide_values` does not know is a KeyError."""
    values = guide_values(rules if rules is not None else load_rules())
    text = GUIDE_FILE.read_text(encoding="utf-8")
    return PLACEHOLDER.sub(lambda match: html.escape(values[match[1]], quote=False), text)


@cache
def guide_anchors() -> frozenset[str]:
    """Every anchor (`<a name="…">`) the guide has."""
    return frozenset(ANCHOR_NAME.findall(GUIDE_FILE.read_text(encoding="utf-8")))


def anchor_for(page) -> str:
    """The guide's part on a wizard page: `cip-agreement` for
    `ui.wizards.cip.agreement.AgreementPage`; `cip` or `cisp` (the part on that wizard)
    for a page with no part of its own; `interview` for anything else (no page)."""
    if page is None:
        return NOT_A_WIZARD_PAGE
    module = type(page).__module__.split(".")
    if module[:2] != ["ui", "wizards"] or len(module) < 3:
        return NOT_A_WIZARD_PAGE
    path = module[2]
    if path not in WIZARD_PATHS:
        return NOT_A_WIZARD_PAGE
    suffix = PAGE_ANCHORS.get(type(page).__name__)
    anchor = f"{path}-{suffix}" if suffix else path
    return anchor if anchor in guide_anchors() else path


# Letters a search typed without accents also finds with them (« securite » → « sécurité »).
_ACCENTED = "àâäáãåçéèêëíìîïñóòôöõúùûüýÿ"


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_VARIANTS: dict[str, str] = {}
for _letter in _ACCENTED:
    _base = _folded(_letter)
    if len(_base) == 1:
        _VARIANTS[_base] = _VARIANTS.get(_base, _base) + _letter
_SPACES = "[\\s\u00a0\u202f]+"
_APOSTROPHES = "['\u2019]"


def search_pattern(query: str) -> str:
    """A regular expression finding `query` whatever its accents, its apostrophes (' or ’)
    and its spaces (ordinary or not breaking); case is left to the search's option."""
    parts: list[str] = []
    for char in _folded(query.strip()):
        if char.isspace():
            if parts and parts[-1] != _SPACES:
                parts.append(_SPACES)
        elif char in "'\u2019":
            parts.append(_APOSTROPHES)
        elif char in _VARIANTS:
            parts.append(f"[{_VARIANTS[char]}]")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


class GuideDialog(QDialog):
    """The guide, its table of contents at the top (links), a search box and « Fermer ».
    Non-modal: it stays open beside the window or the wizard it was opened from."""

    def __init__(self, parent: QWidget | None = None, rules: Rules | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.setModal(False)
        self.setAccessibleName(TITLE)

        self.search = QLineEdit()
        self.search.setAccessibleName("Rechercher dans le guide")
        self.search.setPlaceholderText("par exemple « brouillon »")
        self.search.setToolTip(
            "Un mot ou quelques mots ; les accents et les majuscules sont facultatifs"
        )
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda: self.find(from_start=True))
        self.search.returnPressed.connect(self.find_next)
        search_label = QLabel("&Rechercher dans le guide :")
        search_label.setBuddy(self.search)
        self.next_button = QPushButton("Résultat sui&vant")
        self.next_button.setAccessibleName("Résultat suivant")
        self.next_button.setToolTip("Aller au résultat suivant (Entrée ou F3)")
        self.next_button.clicked.connect(self.find_next)
        self.result = QLabel()
        self.result.setMinimumWidth(
            self.result.fontMetrics().horizontalAdvance("Résultat 88 sur 88")
        )
        self.result.setAccessibleName("Résultat de la recherche")

        self.browser = QTextBrowser()
        self.browser.setAccessibleName("Texte du guide")
        self.browser.setOpenExternalLinks(False)
        self.browser.document().setDocumentMargin(14)
        self.browser.setHtml(guide_html(rules))

        self.top_button = QPushButton("Retour au s&ommaire")
        self.top_button.setAccessibleName("Retour au sommaire")
        self.top_button.clicked.connect(lambda: self.show_anchor(TOP))
        self.close_button = QPushButton("&Fermer")
        self.close_button.setAccessibleName("Fermer")
        self.close_button.clicked.connect(self.close)
        for button in (self.next_button, self.top_button, self.close_button):
            button.setAutoDefault(False)  # Enter in the search box finds, never closes

        searching = QHBoxLayout()
        searching.addWidget(search_label)
        searching.addWidget(self.search, 1)
        searching.addWidget(self.next_button)
        searching.addWidget(self.result)
        buttons = QHBoxLayout()
        buttons.addWidget(self.top_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(searching)
        layout.addWidget(self.browser, 1)
        layout.addLayout(buttons)

        QShortcut(QKeySequence.StandardKey.Find, self, self._focus_search)
        QShortcut(QKeySequence(Qt.Key.Key_F3), self, self.find_next)
        QShortcut(QKeySequence("Shift+F3"), self, self.find_previous)
        QShortcut(QKeySequence("Ctrl+W"), self, self.close)
        fit_to_screen(self, 780, 700)
        self.browser.setFocus()

    # ---- anchors ----

    def show_anchor(self, anchor: str | None) -> None:
        """Scrolls the guide to `anchor` (the top for None or an anchor it does not have)."""
        if anchor and anchor != TOP and anchor in guide_anchors():
            self.browser.scrollToAnchor(anchor)
            if self.browser.isVisible():  # a little of what comes before, above the title
                bar = self.browser.verticalScrollBar()
                bar.setValue(bar.value() - ANCHOR_SPACE)
        else:
            self.browser.verticalScrollBar().setValue(0)

    # ---- search ----

    def _focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _matches(self) -> list[QTextCursor]:
        pattern = search_pattern(self.search.text())
        if not pattern:
            return []
        expression = QRegularExpression(
            pattern,
            QRegularExpression.PatternOption.CaseInsensitiveOption
            | QRegularExpression.PatternOption.UseUnicodePropertiesOption,
        )
        document, found, position = self.browser.document(), [], 0
        while True:
            cursor = document.find(expression, position)
            if cursor.isNull() or not cursor.hasSelection():
                return found
            found.append(cursor)
            position = cursor.selectionEnd()

    def find(self, from_start: bool = False, backwards: bool = False) -> bool:
        """Goes to the first match (`from_start`), or the one after (before) the match
        shown, going round at the end; says which one, or « Aucun résultat »."""
        if not self.search.text().strip():
            self.result.clear()
            self.browser.setExtraSelections([])
            return False
        matches = self._matches()
        if not matches:
            self.result.setText("Aucun résultat")
            self.browser.setExtraSelections([])
            return False
        here = self.browser.textCursor().selectionStart()
        if from_start:
            index = 0
        elif backwards:
            before = [i for i, m in enumerate(matches) if m.selectionStart() < here]
            index = before[-1] if before else len(matches) - 1
        else:
            after = [i for i, m in enumerate(matches) if m.selectionStart() > here]
            index = after[0] if after else 0
        self._show_match(matches, index)
        return True

    def find_next(self) -> bool:
        return self.find()

    def find_previous(self) -> bool:
        return self.find(backwards=True)

    def _show_match(self, matches: list[QTextCursor], index: int) -> None:
        palette = self.browser.palette()
        others = QTextCharFormat()
        others.setFontUnderline(True)
        current = QTextCharFormat()
        current.setBackground(palette.brush(QPalette.ColorRole.Highlight))
        current.setForeground(palette.brush(QPalette.ColorRole.HighlightedText))
        selections = []
        for position, match in enumerate(matches):
            selection = QTextEdit.ExtraSelection()
            selection.cursor = match
            selection.format = current if position == index else others
            selections.append(selection)
        self.browser.setExtraSelections(selections)
        cursor = QTextCursor(matches[index])
        cursor.setPosition(matches[index].selectionStart())
        self.browser.setTextCursor(cursor)
        self.browser.ensureCursorVisible()
        # the match a third of the way down, its context above it, not at the very edge
        bar = self.browser.verticalScrollBar()
        bar.setValue(
            bar.value() + self.browser.cursorRect().top() - self.browser.viewport().height() // 3
        )
        self.result.setText(f"Résultat {index + 1} sur {len(matches)}")


_without_parent: GuideDialog | None = None


def open_guide(parent: QWidget | None, anchor: str | None = None) -> GuideDialog:
    """Shows the guide of `parent` (the window, a wizard), made the first time and raised
    after, scrolled to `anchor` (the top the first time without one; where the reader left
    it after). Its rules are `parent.rules` when the parent has some."""
    global _without_parent
    if parent is not None:
        existing = parent.findChildren(
            GuideDialog, options=Qt.FindChildOption.FindDirectChildrenOnly
        )
        dialog = existing[0] if existing else None
    else:
        dialog = _without_parent
    if dialog is None:
        rules = getattr(parent, "rules", None)
        dialog = GuideDialog(parent, rules if isinstance(rules, Rules) else None)
        if parent is None:
            _without_parent = dialog
        anchor = anchor or TOP
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    if anchor:
        dialog.show_anchor(anchor)
    return dialog

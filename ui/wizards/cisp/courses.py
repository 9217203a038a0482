"""The CISP wizard's courses already taken: picked from the catalogue by a search as you
type, or typed by hand when the catalogue lacks them (marked as such); each row says live
whether it counts and why (look-back before the registration, not capitalisable, not in
the catalogue, after the path's deadline), judged again each time the page is shown. The
same course twice (same code, same end date) is refused, naming both rows."""

from __future__ import annotations

import copy

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidgetItem,
)

from app.evaluation.cisp import CourseVerdict
from app.exchange.dossier_spec import COURSE
from app.exchange.problems import Problem
from app.french import number
from app.text import folded
from app.typed import TypedValueError, iso_from_french
from ui.support.colours import ERROR, status_colour
from ui.support.form_table import FormTable
from ui.support.rows_table import french_date
from ui.wizards.cisp.live import iso_day, years
from ui.wizards.fields import not_after_today
from ui.wizards.step import StepPage

CODE, TITLE, ENDED, ATTESTATION, ORIGIN, COUNTS, WHY = range(7)
HEADERS = ("Code", "Intitulé", "Terminée le", "Attestation", "Origine", "Compte ?", "Pourquoi")
BY_HAND = "saisie à la main"
FROM_CATALOGUE = "catalogue"
NOT_IN_CATALOGUE = "hors catalogue"
READ_ONLY = (ORIGIN, COUNTS, WHY)
# a row's own field, named in a message about that row
FIELD = {"code": "code", "title": "intitulé", "ended_on": "fin", "attestation": "attestation"}


class CoursesPage(StepPage):
    """The courses already taken; each row says live whether it counts and why."""

    def __init__(self) -> None:
        super().__init__("Formations déjà suivies", "")
        self.catalogue_name = QLabel()
        self.catalogue_name.setWordWrap(True)
        self.body.addWidget(self.catalogue_name)
        self.search = QLineEdit()
        self.search.setPlaceholderText(
            "Chercher un code ou un intitulé (sans accents), par exemple « accueil »"
        )
        self.search.textChanged.connect(self._filter)
        # Entrée or ↓ in the search goes into the courses found (Entrée never turns the
        # page from here: what is typed is a search, not the page done)
        self.search.installEventFilter(self)
        searching = QLabel("&Chercher dans le catalogue :")
        searching.setBuddy(self.search)
        self.body.addWidget(searching)
        self.body.addWidget(self.search)
        self.results = QListWidget()
        self.results.setMaximumHeight(110)
        self.results.setAccessibleName("Formations du catalogue trouvées")
        # Entrée or a double click adds the course chosen (Entrée never turns the page)
        self.results.itemActivated.connect(lambda _item: self.add_chosen())
        self.results.currentItemChanged.connect(lambda *_items: self._buttons())
        self.body.addWidget(self.results)
        self.pick = QPushButton("Ajouter la formation choisie")
        self.pick.clicked.connect(self.add_chosen)
        self.by_hand = QPushButton("Ajouter une formation absente du catalogue (saisie à la main)")
        self.by_hand.clicked.connect(self.add_by_hand)
        self.remove = QPushButton("Retirer la formation choisie")
        self.remove.clicked.connect(self.remove_chosen)
        buttons = QHBoxLayout()
        for button in (self.pick, self.by_hand, self.remove):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.table = FormTable(0, len(HEADERS))  # Tab goes from cell to cell, then out
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setAccessibleName("Formations déjà suivies")
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        modes = QHeaderView.ResizeMode
        widths = {TITLE: modes.Interactive, WHY: modes.Stretch}
        for column in range(len(HEADERS)):
            header.setSectionResizeMode(column, widths.get(column, modes.ResizeToContents))
        header.resizeSection(TITLE, 220)  # the reason takes the rest: it is the longest
        self.table.itemChanged.connect(lambda _item: self._refresh())
        self.table.currentCellChanged.connect(lambda *_cells: self._buttons())
        self.body.addWidget(self.table, 1)
        hint = QLabel(
            "Dates JJ/MM/AAAA. Le code et l'intitulé d'une formation du catalogue viennent "
            "du catalogue ; une formation saisie à la main est marquée comme telle et ne "
            "compte que si son code figure au catalogue."
        )
        hint.setWordWrap(True)
        self.body.addWidget(hint)
        self.body.addLayout(buttons)

    def initializePage(self) -> None:
        wizard = self.path_wizard
        rules, catalogue = wizard.rules, wizard.catalogue
        self.setSubTitle(
            "Les attestations de formations COORACE Formation. Une formation compte si elle "
            "est capitalisable au catalogue (CISP-CAP) et terminée au plus "
            f"{years(rules.value('retroactivity_years'))} avant l'inscription (CISP-RETRO), ou "
            f"pendant le parcours, avant son échéance ({years(rules.value('max_path_years'))}, "
            "CISP-MAX)."
        )
        version = f", version {catalogue.version}" if catalogue.version else ""
        self.catalogue_name.setText(f"Catalogue : {catalogue.name}{version}.")
        self.results.clear()
        for course in catalogue.courses:
            kind = "capitalisable" if course.capitalisable else "non capitalisable"
            required = ", requise" if course.required else ""
            item = QListWidgetItem(
                f"{course.code} — {course.title} · pôle {course.pole} · "
                f"{number(course.hours)} h · {kind}{required}"
            )
            item.setData(Qt.ItemDataRole.UserRole, course.code)
            self.results.addItem(item)
        super().initializePage()

    def load(self, document: dict) -> None:
        self.table.setRowCount(0)
        for course in document.get("courses", []):
            self._append(course)

    def entered(self, document: dict) -> None:
        """Each time the page is shown: whether each row counts, with the registration
        and the deadline the earlier steps hold now."""
        self._refresh()

    def eventFilter(self, watched, event) -> bool:
        keys = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Down)
        if watched is self.search and event.type() == QEvent.Type.KeyPress and event.key() in keys:
            self._to_results()
            return True
        return super().eventFilter(watched, event)

    def _to_results(self) -> None:
        """The cursor on the first course found (none found: it stays in the search)."""
        current = self.results.currentItem()
        if current is None or current.isHidden():
            shown = [self.results.item(r) for r in range(self.results.count())]
            shown = [item for item in shown if not item.isHidden()]
            if not shown:
                return
            self.results.setCurrentItem(shown[0])
        self.results.setFocus(Qt.FocusReason.OtherFocusReason)

    def _filter(self, text: str) -> None:
        needle = folded(text)
        shown = []
        for row in range(self.results.count()):
            item = self.results.item(row)
            hidden = bool(needle) and needle not in folded(item.text())
            item.setHidden(hidden)
            if not hidden:
                shown.append(item)
        current = self.results.currentItem()
        if shown and (current is None or current.isHidden()):
            self.results.setCurrentItem(shown[0])
        self._buttons()

    def visible_codes(self) -> list[str]:
        return [
            self.results.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.results.count())
            if not self.results.item(row).isHidden()
        ]

    def _buttons(self) -> None:
        current = self.results.currentItem()
        self.pick.setEnabled(current is not None and not current.isHidden())
        self.remove.setEnabled(self.table.currentRow() >= 0)

    def add_chosen(self) -> None:
        current = self.results.currentItem()
        if current is None or current.isHidden():
            return
        course = self.path_wizard.catalogue.course(current.data(Qt.ItemDataRole.UserRole))
        self._append({"code": course.code, "title": course.title})
        self._start_typing(ENDED)

    def add_by_hand(self) -> None:
        self._append({"added_by_hand": True})
        self._start_typing(CODE)

    def remove_chosen(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self._refresh()

    def _start_typing(self, column: int) -> None:
        row = self.table.rowCount() - 1
        self._refresh()
        self.table.setCurrentCell(row, column)
        self.table.setFocus()
        self.table.editItem(self.table.item(row, column))

    def _append(self, course: dict) -> None:
        by_hand = bool(course.get("added_by_hand"))
        texts = {
            CODE: course.get("code") or "",
            TITLE: course.get("title") or "",
            ENDED: french_date(course.get("ended_on")),
            ATTESTATION: course.get("attestation") or "",
            ORIGIN: BY_HAND if by_hand else self._origin(course.get("code") or ""),
        }
        self.table.blockSignals(True)
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column in range(len(HEADERS)):
            item = QTableWidgetItem(texts.get(column, ""))
            fixed = column in READ_ONLY or (column in (CODE, TITLE) and not by_hand)
            if fixed:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, column, item)
        self.table.item(row, CODE).setData(Qt.ItemDataRole.UserRole, by_hand)
        self.table.blockSignals(False)

    def _origin(self, code: str) -> str:
        """A course not typed by hand: picked from the catalogue, or (imported with the
        dossier) a code the catalogue does not have."""
        return FROM_CATALOGUE if self.path_wizard.catalogue.course(code) else NOT_IN_CATALOGUE

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item else ""

    def rows(self) -> list[tuple[dict, list[str]]]:
        """Each row as an exchange course, and what keeps it from being read (French)."""
        found = []
        for row in range(self.table.rowCount()):
            by_hand = bool(self.table.item(row, CODE).data(Qt.ItemDataRole.UserRole))
            code, title = self._text(row, CODE), self._text(row, TITLE)
            problems: list[str] = []
            if not code:
                problems.append("indiquez le code de la formation (celui de l'attestation).")
            if by_hand and not title:
                problems.append("indiquez l'intitulé de la formation.")
            ended = None
            try:
                ended = iso_from_french(self._text(row, ENDED))
            except TypedValueError as error:
                problems.append(f"fin : {error}.")
            else:
                if ended is None:
                    problems.append(
                        "indiquez la date de fin (JJ/MM/AAAA) : c'est elle qui dit si la "
                        "formation compte."
                    )
            not_after_today(ended, "fin", problems)
            course = {
                "code": code,
                "title": title or None,
                "ended_on": ended,
                "attestation": self._text(row, ATTESTATION) or None,
            }
            if by_hand:
                course["added_by_hand"] = True
            # what the exchange format refuses in the row (a control character…), said
            # on the row itself: the document's message would count only complete rows
            if not problems:
                checked: list[Problem] = []
                COURSE.validate(course, "", checked)
                problems.extend(f"{FIELD.get(p.path, p.path)} : {p.message}." for p in checked)
            if code and ended:
                problems.extend(self._same_as(found, course, row))
            found.append((course, problems))
        return found

    @staticmethod
    def _same_as(before: list[tuple[dict, list[str]]], course: dict, row: int) -> list[str]:
        """The same course declared on an earlier row (same code, same end date)."""
        for line, (other, _problems) in enumerate(before, start=1):
            same_code = (other["code"] or "").casefold() == course["code"].casefold()
            if same_code and other["ended_on"] == course["ended_on"]:
                return [
                    f"même code et même date de fin ({iso_day(course['ended_on'])}) que la "
                    f"ligne {line} : une formation ne se déclare qu'une fois ; retirez la "
                    f"ligne {row + 1} ou la ligne {line}."
                ]
        return []

    def readable_courses(self) -> list[dict]:
        """The rows that can be read, as exchange courses (those the page judges)."""
        return [course for course, found in self.rows() if not found]

    def dump(self, document: dict, problems: list[str]) -> None:
        rows = self.rows()
        for line, (course, found) in enumerate(rows, start=1):
            code = f" ({course['code']})" if course["code"] else ""
            problems.extend(f"Formation, ligne {line}{code} : {p}" for p in found)
        document["courses"] = [course for course, _found in rows]

    def _refresh(self) -> None:
        """Counts? and why, for every row: from the evaluation of the rows that can be read."""
        if self.wizard() is None:
            return
        rows = self.rows()
        trial = copy.deepcopy(self.path_wizard.document)
        trial["courses"] = [course for course, found in rows if not found]
        # each row is checked on its own by `rows`: what is left is elsewhere in the
        # document, and it keeps every row from being judged
        format_problems = self.path_wizard.format_problems(trial)
        verdicts = iter(() if format_problems else self.path_wizard.evaluation(trial).cisp.courses)
        self.table.blockSignals(True)
        for row, (course, found) in enumerate(rows):
            problems = found or format_problems
            if problems:
                self._show_row(row, "—", problems[0][:1].upper() + problems[0][1:], error=True)
            else:
                verdict = next(verdicts)
                self._show_row(row, self._counts(verdict), self.why(course, verdict))
        self.table.blockSignals(False)
        self.table.resizeRowsToContents()
        self._buttons()

    def _show_row(self, row: int, counts: str, why: str, error: bool = False) -> None:
        colour = status_colour(ERROR) if error else self.palette().text().color()
        for column, text in ((COUNTS, counts), (WHY, why)):
            item = self.table.item(row, column)
            item.setText(text)
            item.setToolTip(why)
            item.setForeground(colour)

    def _counts(self, verdict: CourseVerdict) -> str:
        if not verdict.counted:
            return "non"
        return f"oui (pôle {self.path_wizard.catalogue.course(verdict.code).pole})"

    def why(self, course: dict, verdict: CourseVerdict) -> str:
        """The evaluation's reason; for a course typed by hand, whether its code is in the
        catalogue first (it counts only if it is)."""
        if not course.get("added_by_hand"):
            return verdict.reason
        catalogue = self.path_wizard.catalogue
        entry = catalogue.course(course["code"])
        if entry is None:
            return (
                f"Saisie à la main : le code {course['code']} n'est pas dans le catalogue "
                f"« {catalogue.name} » ; une formation ne compte que si son code y figure : "
                "ne compte pas."
            )
        return f"Saisie à la main, code présent au catalogue (« {entry.title} ») : {verdict.reason}"

    def shown(self, row: int) -> tuple[str, str, str]:
        """Origin, counts? and why, as the row shows them."""
        return self._text(row, ORIGIN), self._text(row, COUNTS), self._text(row, WHY)

"""The dossier's preview: the PDF's pages shown inside Passerelle (rendered by pypdfium2),
so that a counsellor reads the dossier before it leaves for COORACE, and sees it even on a
computer without a PDF viewer.

Pages are rendered when they come into view (and one page either side), fitted to the
dialog's width; Ctrl++ / Ctrl+- zoom, Ctrl+0 fits the width again. The colours are the
palette's: only the pages themselves are white, as on paper."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QImage, QKeySequence, QPalette, QPixmap
from PySide6.QtWidgets import (
    QAbstractSlider,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui.candidate.pdf_pages import PdfPages, PreviewError

# Zoom steps, as a factor of the width that fits the dialog
ZOOMS = (0.5, 0.67, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0)


FIT = ZOOMS.index(1.0)


GAP = 12  # pixels around and between the pages


AHEAD = 1  # pages rendered beyond those in view, ready when the user scrolls


SCROLL_STEP = 40  # pixels per arrow key


class PageView(QLabel):
    """One page: its place, the right size, until it is rendered."""

    def __init__(self, number: int, count: int, parent: QWidget) -> None:
        super().__init__(parent)
        self.number, self.count = number, count
        self.rendered_width = 0
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.setAutoFillBackground(True)
        self.setAccessibleName(f"Page {number} sur {count} du dossier")
        self.forget()

    def forget(self) -> None:
        """Back to the place of the page (its image is freed)."""
        self.rendered_width = 0
        self.clear()
        self.setText(f"Page {self.number} sur {self.count}…")

    def show_image(self, image: QImage, width: int, text: str) -> None:
        self.setPixmap(QPixmap.fromImage(image))
        self.rendered_width = width
        self.setAccessibleDescription(text)


class PreviewDialog(QDialog):
    """The PDF's pages, with `accept_text` (the default button) and `close_text`; Échap
    is `close_text`. `exec()` is Accepted only for `accept_text`."""

    def __init__(
        self,
        pdf: Path,
        title: str,
        intro: str,
        password: str | None = None,
        accept_text: str | None = None,
        close_text: str = "Fermer",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.pdf = pdf
        self.pages: PdfPages | None = None
        self.views: list[PageView] = []
        self.zoom = FIT
        self._tops: list[int] = []
        self.setWindowTitle(title)
        self.setAccessibleName(title)

        self.intro = QLabel(intro)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)  # a path is never read as HTML
        self.intro.setWordWrap(True)
        self.intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.intro.setAccessibleName("Ce que montre l'aperçu")

        self.password_label = QLabel("Mot de passe du dossier :")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Mot de passe du dossier")
        self.password_label.setBuddy(self.password)
        self.password_label.setAccessibleName("Mot de passe du dossier")
        self.unlock_button = QPushButton("Afficher le dossier")
        self.unlock_button.setAccessibleName("Afficher le dossier avec ce mot de passe")
        self.unlock_button.clicked.connect(self.unlock)  # also Entrée, while it is default
        self.password_row = QWidget()
        self.password_row.setAccessibleName("Mot de passe du dossier")
        row = QHBoxLayout(self.password_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.password_label)
        row.addWidget(self.password, 1)
        row.addWidget(self.unlock_button)
        self.password_row.hide()

        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem.setAccessibleName("Problème d'affichage")
        font = self.problem.font()
        font.setBold(True)
        self.problem.setFont(font)
        self.problem.hide()

        self.position = QLabel()
        self.position.setAccessibleName("Page affichée")
        self.zoom_out_button = QPushButton("Réduire")
        self.zoom_out_button.setToolTip("Réduire les pages (Ctrl+-)")
        self.zoom_out_button.setAccessibleName("Réduire les pages")
        self.zoom_out_button.clicked.connect(self.zoom_out)
        self.zoom_in_button = QPushButton("Agrandir")
        self.zoom_in_button.setToolTip("Agrandir les pages (Ctrl++)")
        self.zoom_in_button.setAccessibleName("Agrandir les pages")
        self.zoom_in_button.clicked.connect(self.zoom_in)
        self.fit_button = QPushButton("Ajuster à la largeur")
        self.fit_button.setToolTip("Pages à la largeur de la fenêtre (Ctrl+0)")
        self.fit_button.setAccessibleName("Ajuster les pages à la largeur de la fenêtre")
        self.fit_button.clicked.connect(self.fit_width)
        for button in (self.zoom_out_button, self.zoom_in_button, self.fit_button):
            button.setAutoDefault(False)  # Entrée keeps meaning the dialog's answer
        self.unlock_button.setAutoDefault(False)
        bar = QHBoxLayout()
        bar.addWidget(self.position)
        bar.addStretch(1)
        for button in (self.zoom_out_button, self.zoom_in_button, self.fit_button):
            bar.addWidget(button)

        self.sheet = QWidget()  # the pages, placed by hand (their size is ours to set)
        self.sheet.setAccessibleName("Pages du dossier")
        self.sheet.setBackgroundRole(QPalette.ColorRole.Dark)
        self.scroll = QScrollArea()
        self.scroll.setAccessibleName("Pages du dossier")
        self.scroll.setWidgetResizable(False)
        self.scroll.setWidget(self.sheet)
        self.scroll.viewport().setBackgroundRole(QPalette.ColorRole.Dark)
        # always there: a scroll bar appearing would change the width the pages fit
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.scroll.verticalScrollBar().setSingleStep(SCROLL_STEP)
        self.scroll.horizontalScrollBar().setSingleStep(SCROLL_STEP)
        self.scroll.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.scroll.horizontalScrollBar().valueChanged.connect(self._scrolled)
        self.scroll.viewport().installEventFilter(self)
        self.scroll.viewport().setAccessibleName("Pages du dossier")
        self.scroll.verticalScrollBar().setAccessibleName("Défilement des pages")
        self.scroll.horizontalScrollBar().setAccessibleName("Défilement en largeur")

        self.buttons = QDialogButtonBox()
        self.buttons.setAccessibleName("Réponses")
        self.accept_button = None
        if accept_text is not None:
            self.accept_button = self.buttons.addButton(
                accept_text, QDialogButtonBox.ButtonRole.AcceptRole
            )
            self.accept_button.setAccessibleName(accept_text)
        self.close_button = self.buttons.addButton(
            close_text, QDialogButtonBox.ButtonRole.RejectRole
        )
        self.close_button.setAccessibleName(close_text)
        (self.accept_button or self.close_button).setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.problem)
        layout.addWidget(self.password_row)
        layout.addLayout(bar)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.buttons)
        self._keys()
        screen = self.screen().availableGeometry()
        self.resize(min(820, screen.width()), int(screen.height() * 0.9))
        self.finished.connect(self.close_document)
        self._open(password)

    # -- the document -------------------------------------------------------------------

    def _open(self, password: str | None) -> bool:
        try:
            pages = PdfPages(self.pdf, password)
        except PreviewError as error:
            self._say(str(error))
            self.password_row.setVisible(error.needs_password)
            if error.needs_password:
                self.unlock_button.setDefault(True)
                self.password.setFocus()
            self._update_position()
            return False
        self.pages = pages
        self.password_row.hide()
        self.unlock_button.setDefault(False)
        (self.accept_button or self.close_button).setDefault(True)
        self._say(None)
        self.views = [PageView(n + 1, len(pages), self.sheet) for n in range(len(pages))]
        for view in self.views:
            view.show()
        self._layout_pages()
        return True

    def unlock(self) -> None:
        """Opens the protected PDF with the password typed; the field is emptied at once."""
        typed = self.password.text()
        self.password.clear()
        if self._open(typed):
            self.scroll.setFocus()

    def _say(self, problem: str | None) -> None:
        self.problem.setText(problem or "")
        self.problem.setVisible(bool(problem))

    def close_document(self) -> None:
        """The dialog is done: the document and the images go (twice is harmless)."""
        for view in self.views:
            view.forget()
        if self.pages is not None:
            self.pages.close()
            self.pages = None

    # -- placing and rendering the pages --------------------------------------------------

    def page_width(self) -> int:
        """The pages' width in pixels, at the current zoom."""
        fit = max(self.scroll.viewport().width() - 2 * GAP, 100)
        return round(fit * ZOOMS[self.zoom])

    def _layout_pages(self) -> None:
        """Sizes and places every page for the current width, then renders those in view;
        the images of the others are freed (rendered again when they come into view)."""
        if self.pages is None:
            return
        width = self.page_width()
        sheet_width = max(self.scroll.viewport().width(), width + 2 * GAP)
        top = GAP
        self._tops = []
        for view, (page_width, page_height) in zip(self.views, self.pages.sizes, strict=True):
            height = round(width * page_height / page_width)
            self._tops.append(top)
            view.setGeometry((sheet_width - width) // 2, top, width, height)
            if view.rendered_width != width:
                view.forget()
            top += height + GAP
        self.sheet.resize(sheet_width, top)
        self.zoom_out_button.setEnabled(self.zoom > 0)
        self.zoom_in_button.setEnabled(self.zoom < len(ZOOMS) - 1)
        self.fit_button.setEnabled(self.zoom != FIT)
        self.render_visible()

    def visible_pages(self) -> range:
        """The pages (from 0) in view, and AHEAD more on either side."""
        if not self.views:
            return range(0)
        top = self.scroll.verticalScrollBar().value()
        bottom = top + self.scroll.viewport().height()
        shown = [
            n
            for n, view in enumerate(self.views)
            if self._tops[n] < bottom and self._tops[n] + view.height() > top
        ] or [0]
        return range(max(shown[0] - AHEAD, 0), min(shown[-1] + AHEAD + 1, len(self.views)))

    def render_visible(self) -> None:
        """Renders the pages in view that are not yet at their width (none while the
        dialog is hidden: its size is not known yet)."""
        if self.pages is None or not self.isVisible():
            return
        ratio = self.devicePixelRatioF()
        for n in self.visible_pages():
            view = self.views[n]
            if view.rendered_width == view.width():
                continue
            image, text = self.pages.render(n, round(view.width() * ratio))
            image.setDevicePixelRatio(ratio)
            view.show_image(image, view.width(), text)
        self._update_position()

    def current_page(self) -> int:
        """The page (from 1) most of the view shows; the last one at the very end."""
        if not self.views:
            return 0
        bar = self.scroll.verticalScrollBar()
        if bar.value() >= bar.maximum() > 0:
            return len(self.views)
        top, bottom = bar.value(), bar.value() + self.scroll.viewport().height()

        def shown(n: int) -> int:
            start = self._tops[n]
            return min(bottom, start + self.views[n].height()) - max(top, start)

        return max(range(len(self.views)), key=shown) + 1

    def _update_position(self) -> None:
        if self.views:
            self.position.setText(f"Page {self.current_page()} sur {len(self.views)}")
        else:
            self.position.setText("Aucune page affichée")
            for button in (self.zoom_out_button, self.zoom_in_button, self.fit_button):
                button.setEnabled(False)

    def _scrolled(self) -> None:
        self.render_visible()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.scroll.viewport():
            if event.type() == QEvent.Type.Resize:
                self._keep_place(self._layout_pages)
            elif (
                event.type() == QEvent.Type.Wheel
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier
            ):
                if event.angleDelta().y() > 0:
                    self.zoom_in()
                elif event.angleDelta().y() < 0:
                    self.zoom_out()
                return True
        return super().eventFilter(watched, event)

    # -- zoom and keys -------------------------------------------------------------------

    def _keep_place(self, change) -> None:
        """Runs `change` (a new page size), keeping the middle of the view on the same place
        of the document."""
        viewport = self.scroll.viewport()
        bars = (
            (self.scroll.verticalScrollBar(), self.sheet.height, viewport.height),
            (self.scroll.horizontalScrollBar(), self.sheet.width, viewport.width),
        )
        middles = [(bar.value() + seen() / 2) / max(whole(), 1) for bar, whole, seen in bars]
        change()
        for (bar, whole, seen), middle in zip(bars, middles, strict=True):
            bar.setValue(round(middle * whole() - seen() / 2))

    def set_zoom(self, step: int) -> None:
        step = min(max(step, 0), len(ZOOMS) - 1)
        if step != self.zoom:
            self.zoom = step
            self._keep_place(self._layout_pages)

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom + 1)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom - 1)

    def fit_width(self) -> None:
        self.set_zoom(FIT)

    def _keys(self) -> None:
        vertical, horizontal = self.scroll.verticalScrollBar(), self.scroll.horizontalScrollBar()
        move = QAbstractSlider.SliderAction
        actions = (
            ("Page suivante", ["PgDown"], lambda: vertical.triggerAction(move.SliderPageStepAdd)),
            ("Page précédente", ["PgUp"], lambda: vertical.triggerAction(move.SliderPageStepSub)),
            ("Début du dossier", ["Home", "Ctrl+Home"], lambda: vertical.setValue(0)),
            (
                "Fin du dossier",
                ["End", "Ctrl+End"],
                lambda: vertical.setValue(vertical.maximum()),
            ),
            ("Descendre", ["Down"], lambda: vertical.triggerAction(move.SliderSingleStepAdd)),
            ("Monter", ["Up"], lambda: vertical.triggerAction(move.SliderSingleStepSub)),
            ("Droite", ["Right"], lambda: horizontal.triggerAction(move.SliderSingleStepAdd)),
            ("Gauche", ["Left"], lambda: horizontal.triggerAction(move.SliderSingleStepSub)),
            ("Agrandir", ["Ctrl++", "Ctrl+=", QKeySequence.StandardKey.ZoomIn], self.zoom_in),
            ("Réduire", ["Ctrl+-", QKeySequence.StandardKey.ZoomOut], self.zoom_out),
            ("Ajuster à la largeur", ["Ctrl+0"], self.fit_width),
        )
        for name, keys, slot in actions:
            sequences: dict[str, QKeySequence] = {}
            for key in keys:
                bindings = (
                    QKeySequence.keyBindings(key)
                    if isinstance(key, QKeySequence.StandardKey)
                    else [QKeySequence(key)]
                )
                for sequence in bindings:
                    sequences.setdefault(sequence.toString(), sequence)
            action = QAction(name, self)
            action.setShortcuts(list(sequences.values()))
            action.triggered.connect(slot)
            self.addAction(action)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.pages is not None:
            self._layout_pages()
            self.scroll.setFocus()

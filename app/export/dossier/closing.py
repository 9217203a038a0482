"""The end of every PDF dossier: the path's other rules, the dated steps and the
deadline, the signatures."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.platypus import KeepTogether, Paragraph

from app import french, labels
from app.export.dossier.common import day, escape, text
from app.export.dossier.content import DossierContent
from app.export.layout import Styles, gap, heading, signature_blocks, table


def other_rules(lines: Sequence[tuple[str, str]], style: Styles) -> list:
    """The path's rules that no check of this candidate shows, each with what it says."""
    rows: list[list[object]] = [["Règle", "Ce qu'elle dit"]]
    rows += [[f"{rule}\n{labels.RULE.get(rule, '')}", said] for rule, said in lines]
    return [
        *heading("Autres règles du parcours", style),
        table(rows, (0.22, 0.78), style),
    ]


def milestones(
    content: DossierContent, deadlines: Sequence[tuple[str, date | None, str]], style: Styles
) -> list:
    rows: list[list[object]] = [["Date", "Étape", "Détail"]]
    for milestone in sorted(content.milestones, key=lambda m: m.occurred_on):
        rows.append([day(milestone.occurred_on), text(milestone.label), text(milestone.detail)])
    if len(rows) == 1:
        rows.append(["—", "Aucune étape datée pour l'instant.", ""])
    story = [
        *heading("Étapes et échéances", style),
        table(rows, (0.16, 0.44, 0.40), style),
        gap(1.5),
    ]
    for label, due, unset in deadlines:
        when = french.day_text(due) if due else unset
        story.append(Paragraph(f"<b>{escape(label)} :</b> {escape(when)}", style.body))
    return story


def signatures(style: Styles) -> KeepTogether:
    return signature_blocks(["Le candidat", "L'employeur"], style)

"""The parts of every PDF dossier, CIP or CISP: the cells' text, the structure, the
candidate and the employer's agreement, the verdict, the checks, the sources."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import partial
from html import escape as html_escape

from reportlab.platypus import Paragraph

from app import french, labels
from app.evaluation.checks import Check
from app.export.dossier.content import DossierContent
from app.export.layout import INK, MET, NOT_MET, PENDING, Cell, Styles, fields, gap, heading, table
from app.siret import grouped_siret

escape = partial(html_escape, quote=False)  # « l'emploi » stays plain text

STRUCTURE_KIND = {
    "AI": "Association intermédiaire (AI)",
    "ACI": "Atelier et chantier d'insertion (ACI)",
    "EI": "Entreprise d'insertion (EI)",
    "ETTI": "Entreprise de travail temporaire d'insertion (ETTI)",
    "other": "Autre",
}
# an informative `not_met` (labels.INFORMATIVE_NOT_MET) in the text colour: it blocks nothing
STATUS_COLOUR = {"met": MET, "not_met": NOT_MET, "pending": PENDING, labels.INFORMATIVE: INK}


def text(value: object) -> str:
    """A value as a table cell's text; « — » when absent."""
    if value is None or value == "":
        return "—"
    if isinstance(value, date):
        return french.day_text(value)
    return str(value)


def day(value: date | None) -> str:
    return french.day_text(value) if value else "—"


def status(check: Check, after: str = "") -> Cell:
    return Cell(
        labels.status_text(check) + after, bold=True, colour=STATUS_COLOUR[labels.tone(check)]
    )


def structure(content: DossierContent, style: Styles) -> list:
    structure = content.dossier.structure
    return [
        *heading("Structure", style),
        fields(
            [
                ("Nom", text(structure.name)),
                ("SIRET", grouped_siret(structure.siret)),
                ("Type", text(STRUCTURE_KIND.get(structure.kind, structure.kind))),
                ("Région", text(structure.region)),
                ("Adresse", text(structure.address)),
                ("Direction", text(structure.director)),
                (
                    "Contact",
                    " · ".join(text(v) for v in (structure.email, structure.phone) if v) or "—",
                ),
            ],
            style,
        ),
    ]


def candidate(content: DossierContent, style: Styles) -> list:
    candidate = content.dossier.candidate
    agreement = content.dossier.employer_agreement
    contact = " · ".join(text(v) for v in (candidate.email, candidate.phone) if v) or "—"
    return [
        *heading("Candidat", style),
        fields(
            [
                ("Nom, prénom", Cell(f"{candidate.last_name} {candidate.first_name}", bold=True)),
                ("Référence", text(candidate.ref)),
                ("Date de naissance", day(candidate.birth_date)),
                ("Contact", contact),
                ("Poste", text(candidate.job_title)),
                ("Embauche", day(candidate.hired_on)),
                ("Contrat", text(candidate.contract)),
            ],
            style,
        ),
        *heading("Accord de l'employeur", style),
        fields(
            [
                ("Date", day(agreement.given_on) if agreement else "pas encore donné"),
                ("Signataire", text(agreement.signatory) if agreement else "—"),
            ],
            style,
        ),
    ]


def verdict(content: DossierContent, style: Styles) -> list:
    if content.path == "cip":
        result = content.evaluation.cip
        verdict = labels.CIP_VERDICT[result.verdict]
    else:
        result = content.evaluation.cisp
        verdict = labels.CISP_VERDICT[result.verdict]
    on = french.day_text(content.evaluation.evaluated_on)
    part = getattr(content.dossier, content.path)
    closure = part.closure if part is not None else None
    step = result.next_step
    if closure is not None and closure.closed:  # no step to come while it is closed
        step = "aucune tant que la candidature est close (« Reprendre le parcours »)."
    return [
        *heading(f"Verdict au {on} : {escape(verdict)}", style),
        Paragraph(f"<b>Prochaine étape :</b> {escape(step)}", style.body),
    ]


STEP_STATES = {"done": "✔ fait", "current": "▶ en cours", "todo": "○ à venir"}


def steps(content: DossierContent, style: Styles) -> list:
    """Where the candidate is on this path (app/evaluation/steps.py), as the page says."""
    from app.evaluation.steps import path_steps

    found = [s for s in path_steps(content.dossier, content.evaluation) if s.path == content.path]
    if not found:
        return []
    rows: list[list[object]] = [["Étape", "État", "Date, ou où elle en est"]]
    for step in found[0].steps:
        if step.state == "done":
            when = french.day_text(step.on) if step.on else "date non renseignée"
        else:
            when = step.note
        rows.append([step.label, STEP_STATES[step.state], when])
    parts = [*heading("Où en est le candidat", style)]
    if found[0].closure is not None:
        parts.append(Paragraph(f"<b>{escape(found[0].closure_text())}</b>", style.body))
    parts.append(table(rows, (0.34, 0.2, 0.46), style))
    cip = content.dossier.cip
    if content.path == "cip" and cip is not None and cip.vae_outcome:
        parts += jury_outcome(cip, style)
    return parts


def documents(content: DossierContent, style: Styles) -> list:
    """The supporting documents of this path: each one's state, its day, its scan (joint
    au PDF when it travels in it)."""
    if not content.documents:
        return []
    rows: list[list[object]] = [["Pièce", "État", "Fournie le", "Scan"]]
    for line in content.documents:
        scan = f"{line.scan} (joint au PDF)" if line.attached else line.scan
        when = french.day_text(line.provided_on) if line.provided_on else ""
        rows.append([line.label, line.state, when, scan])
    return [
        *heading(f"Pièces justificatives : {content.documents_count}", style),
        table(rows, (0.46, 0.16, 0.14, 0.24), style),
    ]


def jury_outcome(cip, style: Styles) -> list:
    """The jury's outcome: for a partial one, the activities (CCP) validated and those
    left, from the referential (its version said)."""
    from app.evaluation.steps import remaining_activities
    from app.referentials import cip_referential

    referential = cip_referential()
    outcome = labels.VAE_OUTCOME.get(cip.vae_outcome, cip.vae_outcome)
    when = f" le {french.day_text(cip.vae_result_on)}" if cip.vae_result_on else ""
    parts = [gap(2), Paragraph(f"<b>Résultat du jury :</b> {escape(outcome)}{when}.", style.body)]
    if cip.vae_outcome == "partial":
        left = remaining_activities(cip)
        rows: list[list[object]] = [["Activité (CCP)", "Intitulé", "Jury"]]
        for activity in referential.activities:
            said = "à valider" if activity.number in left else "validée"
            rows.append([str(activity.number), activity.title, said])
        parts.append(table(rows, (0.14, 0.66, 0.2), style))
        title = referential.title
        parts.append(
            Paragraph(
                f"Référentiel : {escape(title.source)}, version {escape(title.version)}. "
                + ("Le titre est obtenu une fois toutes les activités validées."
                   if left else "Toutes les activités sont validées : titre obtenu."),
                style.note,
            )
        )  # fmt: skip
    return parts


def checks(checks: Sequence[Check], style: Styles) -> list:
    rows: list[list[object]] = [["Règle", "Statut", "Motif (avec la valeur de la règle)"]]
    for check in checks:
        rows.append(
            [
                f"{check.rule}\n{labels.RULE.get(check.rule, '')}",
                status(check),
                check.reason,
            ]
        )
    return [*heading("Vérifications", style), table(rows, (0.22, 0.14, 0.64), style)]


def sources(content: DossierContent, style: Styles) -> Paragraph:
    rules = content.evaluation.rules
    catalogue = content.evaluation.catalogue
    kind = " — catalogue d'EXEMPLE, fictif" if catalogue.example else ""
    published = f", publié le {day(catalogue.published_on)}" if catalogue.published_on else ""
    return Paragraph(
        f"Règles : {escape(rules.title)} (version {escape(rules.version)}). Catalogue des "
        f"formations : {escape(catalogue.name)}, version "
        f"{escape(catalogue.version or 'non précisée')}{published}{kind}.",
        style.small,
    )

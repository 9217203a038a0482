"""The content of a PDF dossier, CIP or CISP: every section the decision needs, each
verdict with its reason (which names the value of the rule it used)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from html import escape as html_escape

from reportlab.platypus import Paragraph

from app import french, labels
from app.domain import Dossier
from app.evaluation import Evaluation
from app.evaluation.checks import Check
from app.export.layout import (
    MET,
    NOT_MET,
    PENDING,
    Cell,
    Page,
    Styles,
    fields,
    gap,
    heading,
    render,
    signature_blocks,
    styles,
    table,
)
from app.referentials import cip_referential, cisp_referential

escape = partial(html_escape, quote=False)  # « l'emploi » stays plain text

PATH_TITLE = {
    "cip": "Titre CIP — VAE collective (COORACE-AFPA)",
    "cisp": "Titre CISP — capitalisation (COORACE-AROBASE)",
}
STRUCTURE_KIND = {
    "AI": "Association intermédiaire (AI)",
    "ACI": "Atelier et chantier d'insertion (ACI)",
    "EI": "Entreprise d'insertion (EI)",
    "ETTI": "Entreprise de travail temporaire d'insertion (ETTI)",
    "other": "Autre",
}
_STATUS_COLOUR = {"met": MET, "not_met": NOT_MET, "pending": PENDING}


@dataclass(frozen=True)
class Milestone:
    """A dated step of the path, from the history."""

    occurred_on: date
    label: str
    detail: str | None = None


@dataclass(frozen=True)
class DossierContent:
    dossier: Dossier
    evaluation: Evaluation
    path: str  # "cip" or "cisp"
    milestones: tuple[Milestone, ...]
    exported_on: date


def _text(value: object) -> str:
    """A value as a table cell's text; « — » when absent."""
    if value is None or value == "":
        return "—"
    if isinstance(value, date):
        return french.day_text(value)
    return str(value)


def _day(value: date | None) -> str:
    return french.day_text(value) if value else "—"


def _status(check: Check, after: str = "") -> Cell:
    return Cell(labels.STATUS[check.status] + after, bold=True, colour=_STATUS_COLOUR[check.status])


def _structure(content: DossierContent, style: Styles) -> list:
    structure = content.dossier.structure
    return [
        *heading("Structure", style),
        fields(
            [
                ("Nom", _text(structure.name)),
                ("SIRET", _text(structure.siret)),
                ("Type", _text(STRUCTURE_KIND.get(structure.kind, structure.kind))),
                ("Région", _text(structure.region)),
                ("Adresse", _text(structure.address)),
                ("Direction", _text(structure.director)),
                (
                    "Contact",
                    " · ".join(_text(v) for v in (structure.email, structure.phone) if v) or "—",
                ),
            ],
            style,
        ),
    ]


def _candidate(content: DossierContent, style: Styles) -> list:
    candidate = content.dossier.candidate
    agreement = content.dossier.employer_agreement
    contact = " · ".join(_text(v) for v in (candidate.email, candidate.phone) if v) or "—"
    return [
        *heading("Candidat", style),
        fields(
            [
                ("Nom, prénom", Cell(f"{candidate.last_name} {candidate.first_name}", bold=True)),
                ("Référence", _text(candidate.ref)),
                ("Date de naissance", _day(candidate.birth_date)),
                ("Contact", contact),
                ("Poste", _text(candidate.job_title)),
                ("Embauche", _day(candidate.hired_on)),
                ("Contrat", _text(candidate.contract)),
            ],
            style,
        ),
        *heading("Accord de l'employeur", style),
        fields(
            [
                ("Date", _day(agreement.given_on) if agreement else "pas encore donné"),
                ("Signataire", _text(agreement.signatory) if agreement else "—"),
            ],
            style,
        ),
    ]


def _verdict(content: DossierContent, style: Styles) -> list:
    if content.path == "cip":
        result = content.evaluation.cip
        verdict = labels.CIP_VERDICT[result.verdict]
    else:
        result = content.evaluation.cisp
        verdict = labels.CISP_VERDICT[result.verdict]
    on = french.day_text(content.evaluation.evaluated_on)
    return [
        *heading(f"Verdict au {on} : {escape(verdict)}", style),
        Paragraph(f"<b>Prochaine étape :</b> {escape(result.next_step)}", style.body),
    ]


def _checks(checks: Sequence[Check], style: Styles) -> list:
    rows: list[list[object]] = [["Règle", "Statut", "Motif (avec la valeur de la règle)"]]
    for check in checks:
        rows.append(
            [
                f"{check.rule}\n{labels.RULE.get(check.rule, '')}",
                _status(check),
                check.reason,
            ]
        )
    return [*heading("Vérifications", style), table(rows, (0.22, 0.14, 0.64), style)]


def _experiences(content: DossierContent, style: Styles) -> list:
    cip = content.evaluation.cip
    rows: list[list[object]] = [["Employeur", "Poste", "Accompagnement", "Début", "Fin", "Quotité"]]
    for period in content.dossier.experiences:
        rows.append(
            [
                _text(period.employer),
                _text(period.job_title),
                "oui" if period.accompaniment_function else "non",
                _day(period.start),
                _day(period.end) if period.end else "en cours",
                french.number(period.fte),
            ]
        )
    if len(rows) == 1:
        rows.append(["Aucune période saisie.", "", "", "", "", ""])
    years, months, days = cip.experience_split
    check = cip.check("CIP-EXP")
    total = (
        f"Total fusionné : {french.duration(years, months, days)} "
        f"({french.days(cip.experience.total_days)}, chaque jour compté une fois) — "
        f"CIP-EXP : {labels.STATUS[check.status]}"
    )  # the table's last row: it never ends up alone on the next page
    rows.append([Cell(total, bold=True, colour=_STATUS_COLOUR[check.status], span=True)])
    rows[-1] += [""] * 5
    return [
        *heading("Expérience dans la fonction", style),
        table(
            rows,
            (0.20, 0.20, 0.21, 0.13, 0.13, 0.13),
            style,
            extra=[("NOSPLIT", (0, -2), (-1, -1))],  # the total goes with the last period
        ),
    ]


def _gap_analysis(content: DossierContent, style: Styles) -> list:
    answers = {a.competence: a for a in content.dossier.cip.gap_analysis}
    story: list = heading("Analyse des décalages emploi-repère / emploi-métier", style)
    if not answers:
        story.append(Paragraph("L'analyse n'a pas encore été faite.", style.note))
        return story
    rows: list[list[object]] = [["Activité et compétence", "Réponse", "Note"]]
    summary = []
    for activity in cip_referential().activities:
        counts = {"yes": 0, "partial": 0, "no": 0, "": 0}
        rows.append([Cell(f"{activity.number}. {activity.title}", bold=True, span=True), "", ""])
        for competence in activity.competences:
            answer = answers.get(competence.id)
            counts[answer.status if answer else ""] += 1
            rows.append(
                [
                    f"{competence.id} · {competence.title}",
                    labels.GAP_STATUS[answer.status] if answer else "non évaluée",
                    _text(answer.note if answer else None),
                ]
            )
        summary.append(
            f"Activité {activity.number} : {counts['yes']} oui, {counts['partial']} en partie, "
            f"{counts['no']} non" + (f", {counts['']} non évaluée(s)" if counts[""] else "")
        )
    story += [table(rows, (0.56, 0.14, 0.30), style), gap(1.5)]
    story += [Paragraph("<b>Synthèse des décalages :</b> " + " ; ".join(summary) + ".", style.body)]
    return story


def _positioning(content: DossierContent, style: Styles) -> list:
    check = content.evaluation.cip.check("CIP-POS")
    score = content.dossier.cip.positioning_score_pct
    if score is None:
        result = "Test pas encore passé."
    elif check.status == "met":
        result = (
            "Seuil atteint — branche suivie : accès à la VAE (recevabilité, accompagnement, jury)."
        )
    else:
        result = "Seuil non atteint — branche suivie : plan de mise à niveau avant un nouveau test."
    cip = content.dossier.cip
    parts = [
        *heading("Test de positionnement", style),
        fields(
            [
                ("Test passé le", _day(cip.positioning_on)),
                ("Score", french.percent(score) if score is not None else "—"),
                ("Seuil", french.percent(check.values["threshold_pct"])),
                ("Résultat", Cell(result, bold=True, colour=_STATUS_COLOUR[check.status])),
            ],
            style,
        ),
    ]
    if cip.upgrading_courses or cip.retest_on:
        rows: list[list[object]] = [["Formation complémentaire", "Début", "Fin"]]
        rows += [
            [_text(course.title), _day(course.starts_on), _day(course.ends_on)]
            for course in cip.upgrading_courses
        ]
        parts += [
            *heading("Plan de mise à niveau", style),
            table(rows, (0.6, 0.2, 0.2), style),
            Paragraph(
                f"Nouveau test de positionnement : {escape(_day(cip.retest_on))}.", style.note
            ),
        ]
    return parts


def _financing(content: DossierContent, style: Styles) -> list:
    cip = content.dossier.cip
    rows: list[list[object]] = [["Source", "Montant", "Heures"]]
    for line in cip.financing:
        rows.append(
            [
                labels.FINANCING_SOURCE.get(line.source, line.source),
                french.euros(line.amount_eur),
                f"{french.number(line.hours)} h" if line.hours is not None else "—",
            ]
        )
    if len(rows) == 1:
        rows.append(["Aucune ligne de financement saisie.", "", ""])
    cost = french.euros(cip.cost_eur) if cip.cost_eur is not None else "non renseigné"
    return [
        *heading("Plan de financement", style),
        Paragraph(f"<b>Coût global :</b> {cost}", style.body),
        gap(1.5),
        table(rows, (0.5, 0.25, 0.25), style),
    ]


def _milestones(
    content: DossierContent, deadlines: Sequence[tuple[str, date | None, str]], style: Styles
) -> list:
    rows: list[list[object]] = [["Date", "Étape", "Détail"]]
    for milestone in sorted(content.milestones, key=lambda m: m.occurred_on):
        rows.append([_day(milestone.occurred_on), _text(milestone.label), _text(milestone.detail)])
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


def _courses(content: DossierContent, style: Styles) -> list:
    cisp = content.evaluation.cisp
    rows: list[list[object]] = [["Formation", "Fin", "Comptée", "Motif"]]
    # the evaluation judges the dossier's courses in their order
    by_hand = [taken.added_by_hand for taken in content.dossier.courses]
    for index, course in enumerate(cisp.courses):
        title = f"{course.code} · {course.title}" if course.title else course.code
        if index < len(by_hand) and by_hand[index]:
            title += " (saisie à la main)"
        rows.append(
            [
                _text(title),
                _day(course.ended_on),
                "oui" if course.counted else Cell("non", bold=True),
                course.reason,
            ]
        )
    if len(rows) == 1:
        rows.append(["Aucune formation COORACE saisie.", "", "", ""])
    return [
        *heading("Formations COORACE suivies", style),
        table(rows, (0.32, 0.12, 0.13, 0.43), style),
    ]


FILED = {True: "oui", False: "non"}


def _registration(content: DossierContent, style: Styles) -> list:
    cisp = content.dossier.cisp
    commission = cisp.commission
    decision = (
        labels.COMMISSION_DECISION[commission.decision] if commission else "Pas encore examiné"
    )
    return [
        *heading("Inscription et commission", style),
        fields(
            [
                ("Inscription", _day(cisp.registered_on)),
                ("Déposée par l'employeur", FILED.get(cisp.filed_by_employer, "—")),
                ("Commission paritaire COORACE-AROBASE", decision),
                ("Date de la commission", _day(commission.date if commission else None)),
                ("Parcours individuel contractualisé le", _day(cisp.contracted_on)),
            ],
            style,
        ),
    ]


def _poles(content: DossierContent, style: Styles) -> list:
    evaluation = content.evaluation.cisp
    catalogue = content.evaluation.catalogue
    counted = {c.code for c in evaluation.courses if c.counted}
    planned = {p.code: p.planned_on for p in content.dossier.cisp.planned_courses}
    sessions = {}
    for session in content.dossier.cisp.pole_sessions:
        sessions.setdefault(session.pole, []).append(session)
    rows: list[list[object]] = [["Pôle", "Acquises", "Restant à suivre", "Session et résultat"]]
    for state in evaluation.poles:
        pole = cisp_referential().pole(state.pole)
        required = [c.code for c in catalogue.required_for_pole(state.pole)]
        acquired = [code for code in required if code in counted]
        held = sessions.get(state.pole, [])
        session_text = (
            "\n".join(
                f"{_day(s.date)} : {labels.SESSION_RESULT.get(s.result, s.result)}" for s in held
            )
            if held
            else ("à programmer" if state.ready_for_session else "après les formations restantes")
        )
        rows.append(
            [
                f"{pole.number}. {pole.title}",
                ", ".join(acquired) or "—",
                "\n".join(
                    f"{code} (prévue le {_day(planned[code])})" if planned.get(code) else code
                    for code in state.remaining
                )
                or "aucune",
                session_text,
            ]
        )
    return [
        *heading("Parcours par pôle de compétences", style),
        table(rows, (0.34, 0.2, 0.2, 0.26), style),
        Paragraph(
            (
                f"Parcours individuel contractualisé le {_day(content.dossier.cisp.contracted_on)}"
                " : les dates prévues sont celles du parcours."
            )
            if content.dossier.cisp.contracted_on
            else "Parcours individuel pas encore contractualisé : les dates prévues, s'il y "
            "en a, sont indicatives.",
            style.note,
        ),
    ]


def _other_rules(content: DossierContent, style: Styles) -> list:
    """The path's rules that no check of this candidate shows, with their values."""
    rules = content.evaluation.rules
    if content.path == "cip":
        value = rules.value
        lines = [
            (
                "CIP-GRP",
                f"Un accompagnement collectif démarre à partir de {value('min_group_size')} "
                "personnes (groupe régional, interrégional ou national) : COORACE "
                "constitue les groupes.",
            ),
            (
                "CIP-MOB",
                f"Mobilisation du salarié : {value('mobilisation_days')} jours sur "
                f"{value('mobilisation_months')} mois, travail personnel non compris.",
            ),
            (
                "CIP-OPCA",
                f"{value('opca_name')} prend en charge {french.euros(value('opca_amount_eur'))} "
                "par salarié entrant en VAE.",
            ),
        ]
    else:
        lines = [
            ("CISP-PUB", "Tout salarié en poste peut s'inscrire, sans expérience minimale."),
            (
                "CISP-CAP",
                "Seules les formations COORACE Formation « capitalisables » du catalogue "
                "comptent, par équivalence (voir le tableau des formations).",
            ),
            (
                "CISP-POLE",
                "Une session de synthèse et de certification a lieu pour chaque pôle dont les "
                "formations obligatoires sont faites (voir le parcours par pôle).",
            ),
            (
                "CISP-FIN",
                "Financement : période de professionnalisation, CPF, plan de formation, "
                "fonds propres ; le coût et la durée dépendent du parcours.",
            ),
        ]
    rows: list[list[object]] = [["Règle", "Ce qu'elle dit"]]
    rows += [[f"{rule}\n{labels.RULE.get(rule, '')}", text] for rule, text in lines]
    return [
        *heading("Autres règles du parcours", style),
        table(rows, (0.22, 0.78), style),
    ]


def _sources(content: DossierContent, style: Styles) -> Paragraph:
    rules = content.evaluation.rules
    catalogue = content.evaluation.catalogue
    kind = " — catalogue d'EXEMPLE, fictif" if catalogue.example else ""
    published = f", publié le {_day(catalogue.published_on)}" if catalogue.published_on else ""
    return Paragraph(
        f"Règles : {escape(rules.title)} (version {escape(rules.version)}). Catalogue des "
        f"formations : {escape(catalogue.name)}, version "
        f"{escape(catalogue.version or 'non précisée')}{published}{kind}.",
        style.small,
    )


def story(content: DossierContent, style: Styles) -> list:
    """The sections, in order."""
    candidate = content.dossier.candidate
    parts: list = [
        Paragraph(f"Dossier de candidature — {escape(PATH_TITLE[content.path])}", style.title),
        Paragraph(
            f"{escape(candidate.first_name)} {escape(candidate.last_name)} · exporté le "
            f"{french.day_text(content.exported_on)}",
            style.body,
        ),
        _sources(content, style),
    ]
    parts += _structure(content, style)
    parts += _candidate(content, style)
    parts += _verdict(content, style)
    if content.path == "cip":
        vae = content.evaluation.cip.check("CIP-VAE").values.get("deadline")
        parts += _experiences(content, style)
        parts += _checks(content.evaluation.cip.checks, style)
        parts += _gap_analysis(content, style)
        parts += _positioning(content, style)
        parts += _financing(content, style)
        parts += _other_rules(content, style)
        parts += _milestones(
            content,
            [("Fin des 3 mois de VAE", vae, "fixée à la décision de recevabilité")],
            style,
        )
        parts.append(signature_blocks(["Le candidat", "L'employeur"], style))
    else:
        parts += _registration(content, style)
        parts += _courses(content, style)
        parts += _poles(content, style)
        parts += _checks(content.evaluation.cisp.checks, style)
        parts += _other_rules(content, style)
        deadline = content.evaluation.cisp.deadline
        parts += _milestones(
            content,
            [("Fin des 5 ans du parcours", deadline, "fixée à l'inscription")],
            style,
        )
        parts.append(signature_blocks(["Le candidat", "L'employeur"], style))
    return parts


def dossier_pdf(content: DossierContent, invariant: bool = False) -> bytes:
    """The dossier as PDF bytes (no attachment yet: see attachment.py)."""
    if getattr(content.evaluation, content.path) is None:
        raise ValueError(f"le candidat n'est pas sur le parcours {content.path.upper()}")
    candidate = content.dossier.candidate
    rules = content.evaluation.rules
    who = f"{candidate.first_name} {candidate.last_name}"
    page = Page(
        header_left=content.dossier.structure.name,
        header_right=f"{who} — {content.path.upper()}",
        footer=(
            f"Exporté le {french.day_text(content.exported_on)} · règles {rules.id} "
            f"version {rules.version} · Passerelle"
        ),
        title=f"Dossier {content.path.upper()} — {who}",
        author=content.dossier.structure.name,
        subject=PATH_TITLE[content.path],
    )
    return render(story(content, styles()), page, invariant=invariant)

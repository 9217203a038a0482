"""The CIP sections of a PDF dossier: the experience, the gap analysis, the positioning
test and its upgrading plan, the financing plan, and what the path's other rules say."""

from __future__ import annotations

from reportlab.platypus import Paragraph

from app import french, labels
from app.export.dossier.common import STATUS_COLOUR, day, escape, text
from app.export.dossier.content import DossierContent
from app.export.layout import Cell, Styles, fields, gap, heading, table
from app.referentials import cip_referential


def experiences(content: DossierContent, style: Styles) -> list:
    cip = content.evaluation.cip
    rows: list[list[object]] = [["Employeur", "Poste", "Accompagnement", "Début", "Fin", "Quotité"]]
    for period in content.dossier.experiences:
        rows.append(
            [
                text(period.employer),
                text(period.job_title),
                "oui" if period.accompaniment_function else "non",
                day(period.start),
                day(period.end) if period.end else "en cours",
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
        f"CIP-EXP : {labels.status_text(check)}"
    )  # the table's last row: it never ends up alone on the next page
    rows.append([Cell(total, bold=True, colour=STATUS_COLOUR[labels.tone(check)], span=True)])
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


def gap_analysis(content: DossierContent, style: Styles) -> list:
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
                    text(answer.note if answer else None),
                ]
            )
        summary.append(
            f"Activité {activity.number} : {counts['yes']} oui, {counts['partial']} en partie, "
            f"{counts['no']} non"
            + (
                f", {counts['']} {french.plural(counts[''], 'non évaluée', 'non évaluées')}"
                if counts[""]
                else ""
            )
        )
    story += [table(rows, (0.56, 0.14, 0.30), style), gap(1.5)]
    story += [Paragraph("<b>Synthèse des décalages :</b> " + " ; ".join(summary) + ".", style.body)]
    return story


def positioning(content: DossierContent, style: Styles) -> list:
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
                ("Test passé le", day(cip.positioning_on)),
                ("Score", french.percent(score) if score is not None else "—"),
                ("Seuil", french.percent(check.values["threshold_pct"])),
                ("Résultat", Cell(result, bold=True, colour=STATUS_COLOUR[labels.tone(check)])),
            ],
            style,
        ),
    ]
    if cip.upgrading_courses or cip.retest_on:
        rows: list[list[object]] = [["Formation complémentaire", "Début", "Fin"]]
        rows += [
            [text(course.title), day(course.starts_on), day(course.ends_on)]
            for course in cip.upgrading_courses
        ]
        parts += [
            *heading("Plan de mise à niveau", style),
            table(rows, (0.6, 0.2, 0.2), style),
            Paragraph(
                f"Nouveau test de positionnement : {escape(day(cip.retest_on))}.", style.note
            ),
        ]
    return parts


def financing(content: DossierContent, style: Styles) -> list:
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


def other_rules(content: DossierContent) -> list[tuple[str, str]]:
    """The CIP rules that no check shows, with the values of the rules in force."""
    value = content.evaluation.rules.value
    return [
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

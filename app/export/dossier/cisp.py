"""The CISP sections of a PDF dossier: the registration and the commission, the COORACE
courses taken, the path by competence pole, and what the path's other rules say."""

from __future__ import annotations

from reportlab.platypus import Paragraph

from app import labels
from app.export.dossier.common import day, text
from app.export.dossier.content import DossierContent
from app.export.layout import Cell, Styles, fields, heading, table
from app.referentials import cisp_referential

FILED = {True: "oui", False: "non"}


def registration(content: DossierContent, style: Styles) -> list:
    cisp = content.dossier.cisp
    commission = cisp.commission
    decision = labels.COMMISSION_DECISION[commission.decision if commission else ""]
    return [
        *heading("Inscription et commission", style),
        fields(
            [
                ("Inscription", day(cisp.registered_on)),
                ("Déposée par l'employeur", FILED.get(cisp.filed_by_employer, "—")),
                ("Commission paritaire COORACE-AROBASE", decision),
                ("Date de la commission", day(commission.date if commission else None)),
                ("Parcours individuel contractualisé le", day(cisp.contracted_on)),
            ],
            style,
        ),
    ]


def courses(content: DossierContent, style: Styles) -> list:
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
                text(title),
                day(course.ended_on),
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


def poles(content: DossierContent, style: Styles) -> list:
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
                f"{day(s.date)} : {labels.SESSION_RESULT.get(s.result, s.result)}" for s in held
            )
            if held
            else ("à programmer" if state.ready_for_session else "après les formations restantes")
        )
        rows.append(
            [
                f"{pole.number}. {pole.title}",
                ", ".join(acquired) or "—",
                "\n".join(
                    f"{code} (prévue le {day(planned[code])})" if planned.get(code) else code
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
                f"Parcours individuel contractualisé le {day(content.dossier.cisp.contracted_on)}"
                " : les dates prévues sont celles du parcours."
            )
            if content.dossier.cisp.contracted_on
            else "Parcours individuel pas encore contractualisé : les dates prévues, s'il y "
            "en a, sont indicatives.",
            style.note,
        ),
    ]


# the CISP rules that no check shows (they hold no value of the rules)
OTHER_RULES = (
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
)

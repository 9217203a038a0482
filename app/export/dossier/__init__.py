"""The PDF dossier, CIP or CISP: every section the decision needs, each verdict with its
reason (which names the value of the rule it used). The sections are in the modules of
this package — the parts common to both paths (common.py), the CIP's (cip.py), the
CISP's (cisp.py), the end of the dossier (closing.py) — and `story` puts them in order."""

from __future__ import annotations

from reportlab.platypus import Paragraph

from app import french
from app.export.dossier import cip, cisp, closing, common
from app.export.dossier.common import escape
from app.export.dossier.content import DocumentLine, DossierContent, Milestone
from app.export.layout import Page, Styles, render, styles

__all__ = ["DocumentLine", "DossierContent", "Milestone", "dossier_pdf", "story"]

PATH_TITLE = {
    "cip": "Titre CIP — VAE collective (COORACE-AFPA)",
    "cisp": "Titre CISP — capitalisation (COORACE-AROBASE)",
}


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
        common.sources(content, style),
    ]
    parts += common.structure(content, style)
    parts += common.candidate(content, style)
    parts += common.verdict(content, style)
    parts += common.steps(content, style)
    parts += common.documents(content, style)
    if content.path == "cip":
        vae = content.evaluation.cip.check("CIP-VAE").values.get("deadline")
        parts += cip.experiences(content, style)
        parts += common.checks(content.evaluation.cip.checks, style)
        parts += cip.gap_analysis(content, style)
        parts += cip.positioning(content, style)
        parts += cip.financing(content, style)
        parts += closing.other_rules(cip.other_rules(content), style)
        parts += closing.milestones(
            content,
            [("Fin des 3 mois de VAE", vae, "fixée à la décision de recevabilité")],
            style,
        )
        parts.append(closing.signatures(style))
    else:
        parts += cisp.registration(content, style)
        parts += cisp.courses(content, style)
        parts += cisp.poles(content, style)
        parts += common.checks(content.evaluation.cisp.checks, style)
        parts += closing.other_rules(cisp.OTHER_RULES, style)
        deadline = content.evaluation.cisp.deadline
        parts += closing.milestones(
            content,
            [("Fin des 5 ans du parcours", deadline, "fixée à l'inscription")],
            style,
        )
        parts.append(closing.signatures(style))
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

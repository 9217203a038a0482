"""PDF dossiers, read back: sections in order with their key values, the exchange JSON
attached, AES-256 with a password, deterministic builds, fonts that cover what we write."""

from datetime import date
from io import BytesIO
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest
from store_helpers import sample

from app import labels
from app.evaluation import evaluate
from app.exchange.dossier import dossier_from_text
from app.exchange.problems import ExchangeError
from app.export.attachment import attached_json, finish_pdf, read_pdf_dossier
from app.export.dossier import DossierContent, Milestone, dossier_pdf
from app.export.fonts import missing_characters
from app.referentials import cip_referential, cisp_referential
from app.store.history import MILESTONE_KINDS
from app.store.transfer import exchange_text

ON = date(2015, 1, 15)
ARTIFACTS = Path(__file__).parent / "artifacts"


def content(name: str, path: str, rules, catalogue, **changes) -> DossierContent:
    dossier = sample(name)
    if changes:
        from dataclasses import replace

        dossier = replace(dossier, **changes)
    steps = (Milestone(date(2014, 9, 15), "Accord de l'employeur", None),)
    return DossierContent(dossier, evaluate(dossier, ON, rules, catalogue), path, steps, ON)


def text_of(pdf: bytes, password: str | None = None) -> list[str]:
    document = pdfium.PdfDocument(pdf, password=password)
    return [page.get_textpage().get_text_range() for page in document]


def in_order(text: str, parts: list[str]) -> None:
    position = 0
    for part in parts:
        found = text.find(part, position)
        assert found >= 0, f"« {part} » manque, ou n'est pas après ce qui le précède"
        position = found + len(part)


def flat(pages: list[str]) -> str:
    return " ".join(" ".join(page.split()) for page in pages)


def test_cip_dossier_has_every_section_in_order(rules, catalogue):
    pages = text_of(dossier_pdf(content("cip-eligible", "cip", rules, catalogue)))
    text = flat(pages)
    in_order(
        text,
        [
            "Dossier de candidature — Titre CIP",
            "Structure",
            "438 172 065 00015",  # grouped as on INSEE notices
            "Candidat",
            "Martinez Éloïse",
            "Accord de l'employeur",
            "Bernard Aubry, directeur",
            "Verdict au 15/01/2015 : Éligible",
            "Expérience dans la fonction",
            "Total fusionné : 7 ans 4 mois 17 jours",
            "Vérifications",
            "CIP-EXP",
            "le minimum de 3 ans (1095 jours)",
            "CIP-POS",
            "CIP-FIN",
            "Analyse des décalages emploi-repère / emploi-métier",
            "CIP-1.1",
            "Synthèse des décalages",
            "Test de positionnement",
            "86 %",
            "Seuil atteint — branche suivie : accès à la VAE",
            "Plan de financement",
            "1380 €",
            "Autres règles du parcours",
            "CIP-GRP",
            "à partir de 7 personnes",
            "AGEFOS PME prend en charge 1080 €",
            "Étapes et échéances",
            "15/09/2014",
            "Fin des 3 mois de VAE",
            "Signatures",
            "Le candidat",
            "L'employeur",
        ],
    )
    assert f"Page 1 sur {len(pages)}" in " ".join(pages[0].split())
    assert "règles coorace-2014-2015 version 1" in text


def test_below_the_threshold_the_upgrading_branch_is_named(rules, catalogue):
    from dataclasses import replace

    low = sample("cip-eligible")
    low = replace(low, cip=replace(low.cip, positioning_score_pct=62))
    result = DossierContent(low, evaluate(low, ON, rules, catalogue), "cip", (), ON)
    text = flat(text_of(dossier_pdf(result)))
    assert "Seuil non atteint — branche suivie : plan de mise à niveau" in text


def test_the_wizards_steps_are_in_the_dossier(rules, catalogue):
    """The upgrading plan and the test date (CIP), the deposit, the contracted path and
    the planned dates (CISP), as the wizards record them."""
    from dataclasses import replace

    from app.domain import CourseTaken, PlannedCourse, UpgradingCourse

    low = sample("cip-eligible")
    plan = (UpgradingCourse("Conduite d'entretien", date(2014, 12, 1), date(2014, 12, 12)),)
    low = replace(
        low,
        cip=replace(
            low.cip,
            positioning_score_pct=62,
            positioning_on=date(2014, 11, 5),
            upgrading_courses=plan,
            retest_on=date(2015, 1, 10),
        ),
    )
    cip_text = flat(
        text_of(
            dossier_pdf(DossierContent(low, evaluate(low, ON, rules, catalogue), "cip", (), ON))
        )
    )
    in_order(
        cip_text,
        [
            "Test passé le 05/11/2014",
            "Plan de mise à niveau",
            "Conduite d'entretien 01/12/2014 12/12/2014",
            "Nouveau test de positionnement : 10/01/2015",
        ],
    )
    cisp = sample("cisp-en-cours")
    cisp = replace(
        cisp,
        cisp=replace(
            cisp.cisp,
            filed_by_employer=True,
            contracted_on=date(2014, 12, 1),
            planned_courses=(PlannedCourse("CF-TER-02", date(2015, 3, 2)),),
        ),
        courses=(
            *cisp.courses,
            CourseTaken("CF-XYZ-99", date(2015, 1, 5), "Hors catalogue", added_by_hand=True),
        ),
    )
    result = DossierContent(cisp, evaluate(cisp, ON, rules, catalogue), "cisp", (), ON)
    cisp_text = flat(text_of(dossier_pdf(result)))
    in_order(
        cisp_text,
        [
            "Déposée par l'employeur oui",
            "Parcours individuel contractualisé le 01/12/2014",
            "CF-XYZ-99 · Hors catalogue (saisie à la main)",
            "CF-TER-02 (prévue le 02/03/2015)",
            "Parcours individuel contractualisé le 01/12/2014 : les dates prévues",
        ],
    )


def test_cisp_dossier_lists_courses_with_reasons_and_poles(rules, catalogue):
    text = flat(text_of(dossier_pdf(content("cisp-en-cours", "cisp", rules, catalogue))))
    in_order(
        text,
        [
            "Titre CISP — capitalisation",
            "Lefèvre Sophie",
            "Inscription et commission",
            "01/10/2014",
            "Acceptée",
            "Formations COORACE suivies",
            "CF-TER-01",
            "exclue par la règle de rétroactivité",
            "Parcours par pôle de compétences",
            "Accueil et conseil au public",
            "10/06/2015 : validée",
            "Vérifications",
            "CISP-RETRO",
            "Autres règles du parcours",
            "CISP-FIN",
            "Étapes et échéances",
            "Fin des 5 ans du parcours : 01/10/2019",
            "Signatures",
        ],
    )


def test_a_candidate_not_on_the_path_is_refused(rules, catalogue):
    with pytest.raises(ValueError, match="CISP"):
        dossier_pdf(content("cip-eligible", "cisp", rules, catalogue))


def test_builds_are_deterministic_and_a_change_shows(rules, catalogue):
    first = dossier_pdf(content("cip-eligible", "cip", rules, catalogue), invariant=True)
    again = dossier_pdf(content("cip-eligible", "cip", rules, catalogue), invariant=True)
    assert first == again
    other = content("cip-eligible", "cip", rules, catalogue)
    changed = DossierContent(other.dossier, other.evaluation, "cip", (), ON)
    assert dossier_pdf(changed, invariant=True) != first
    whole = finish_pdf(first, "{}", deterministic=True)
    assert whole == finish_pdf(first, "{}", deterministic=True)


def test_the_attachment_is_the_exchange_document(tmp_path, rules, catalogue):
    result = content("cisp-en-cours", "cisp", rules, catalogue)
    exported = exchange_text(result.dossier)
    out = tmp_path / "dossier.pdf"
    out.write_bytes(finish_pdf(dossier_pdf(result), exported))
    assert attached_json(out) == exported
    assert read_pdf_dossier(out) == result.dossier
    with pikepdf.open(out) as document:
        assert str(document.Root.Lang) == "fr-FR"
        assert str(document.docinfo["/Title"]) == "Dossier CISP — Sophie Lefèvre"


def test_a_password_encrypts_with_aes_256(tmp_path, rules, catalogue):
    result = content("cip-eligible", "cip", rules, catalogue)
    protected = finish_pdf(dossier_pdf(result), exchange_text(result.dossier), "S3cret-2026")
    with pytest.raises(pdfium.PdfiumError):
        pdfium.PdfDocument(protected)
    assert "Martinez" in flat(text_of(protected, password="S3cret-2026"))
    out = tmp_path / "protege.pdf"
    out.write_bytes(protected)
    with pikepdf.open(out, password="S3cret-2026") as document:
        assert document.encryption.R == 6
        assert document.encryption.stream_method.name == "aesv3"  # AES-256
        assert document.encryption.bits == 256
    assert b"Martinez" not in protected and b"c-2014-017" not in protected
    for password, said in ((None, "protégé par mot de passe"), ("faux", "ne l'ouvre pas")):
        with pytest.raises(ExchangeError, match=said):
            attached_json(out, password)
    assert dossier_from_text(attached_json(out, "S3cret-2026")) == result.dossier


def test_a_pdf_without_our_attachment_is_refused(tmp_path, rules, catalogue):
    bare = tmp_path / "sans-piece-jointe.pdf"
    bare.write_bytes(dossier_pdf(content("cip-eligible", "cip", rules, catalogue)))
    with pytest.raises(ExchangeError, match="ne contient pas de dossier Passerelle joint"):
        attached_json(bare)
    wrong = tmp_path / "mauvaise-piece-jointe.pdf"
    wrong.write_bytes(finish_pdf(bare.read_bytes(), '{"format": "autre chose"}'))
    with pytest.raises(ExchangeError) as refused:
        read_pdf_dossier(wrong)
    assert any("format" in str(problem) for problem in refused.value.problems)
    broken = tmp_path / "coupe.pdf"
    broken.write_bytes(bare.read_bytes()[:400])
    with pytest.raises(ExchangeError, match="pas un PDF lisible"):
        attached_json(broken)


def test_the_font_draws_every_character_we_write(rules, catalogue):
    written = ["\u202f€œŒ’«»—…·✔✘", "1\u202f380,50 €"]
    for dictionary in (
        labels.STATUS,
        labels.CIP_VERDICT,
        labels.CISP_VERDICT,
        labels.RULE,
        labels.FINANCING_SOURCE,
        labels.SESSION_RESULT,
        labels.COMMISSION_DECISION,
        labels.GAP_STATUS,
        *MILESTONE_KINDS.values(),
    ):
        written += list(dictionary.values())
    for activity in cip_referential().activities:
        written += [activity.title, *(c.title for c in activity.competences)]
    written += [pole.title for pole in cisp_referential().poles]
    for name, path in (("cip-eligible", "cip"), ("cip-experience-insuffisante", "cip")):
        evaluation = content(name, path, rules, catalogue).evaluation
        written += [c.reason for c in evaluation.cip.checks] + [evaluation.cip.next_step]
    evaluation = content("cisp-en-cours", "cisp", rules, catalogue).evaluation
    written += [c.reason for c in evaluation.cisp.checks] + [evaluation.cisp.next_step]
    written += [course.reason for course in evaluation.cisp.courses]
    assert missing_characters(" ".join(written)) == set()
    assert missing_characters("\u4e2d") == {"\u4e2d"}  # the check can fail


def test_first_page_rendered_to_png(rules, catalogue):
    pdf = dossier_pdf(content("cip-eligible", "cip", rules, catalogue))
    page = pdfium.PdfDocument(pdf)[0]
    image = page.render(scale=1.5).to_pil()
    ARTIFACTS.mkdir(exist_ok=True)
    image.save(ARTIFACTS / "dossier-cip-page-1.png")
    assert image.size[0] > 800
    assert image.convert("L").getextrema()[0] < 80  # dark text was drawn


def test_very_long_texts_are_cut_to_fit_and_long_words_broken(rules, catalogue):
    from dataclasses import replace

    from app.domain import GapAssessment

    base = sample("cip-eligible")
    note = "Observation détaillée de l'entretien. " * 80  # 3 000 characters
    long_name = "Association " + "Très-Longue-Structure-" * 6 + " (fictive)"
    address = "contact." + "x" * 150 + "@example.org"
    dossier = replace(
        base,
        structure=replace(base.structure, name=long_name, email=address),
        cip=replace(base.cip, gap_analysis=(GapAssessment("CIP-1.1", "partial", note),)),
    )
    result = DossierContent(dossier, evaluate(dossier, ON, rules, catalogue), "cip", (), ON)
    pages = text_of(dossier_pdf(result))  # no LayoutError
    text = flat(pages)
    assert "texte coupé ici : il figure en entier dans le dossier joint au PDF" in text
    assert "Association Très-Longue-Structure-" in pages[0] and "…" in pages[0]


def test_a_damaged_attachment_is_refused_in_french(tmp_path, rules, catalogue):
    result = content("cip-eligible", "cip", rules, catalogue)
    pdf = finish_pdf(dossier_pdf(result), exchange_text(result.dossier))
    with pikepdf.open(BytesIO(pdf)) as document:
        stream = document.attachments["dossier-passerelle.json"].obj.EF.F
        stream.write(b"\x00" * 50, filter=pikepdf.Name.FlateDecode)
        damaged = tmp_path / "abime.pdf"
        document.save(damaged)
    with pytest.raises(ExchangeError, match="endommagé"):
        attached_json(damaged)
    huge = tmp_path / "enorme.pdf"
    huge.write_bytes(finish_pdf(dossier_pdf(result), " " * 10_000_001))
    with pytest.raises(ExchangeError, match="bien trop gros"):
        attached_json(huge)
    not_pdf = tmp_path / "faux.pdf"
    not_pdf.write_text("{}", encoding="utf-8")
    with pytest.raises(ExchangeError, match="pas un PDF"):
        attached_json(not_pdf)


def test_passwords_that_could_not_be_typed_back_are_refused():
    from app.export.attachment import password_problem

    assert password_problem("S3cret-2026") is None
    assert "8 caractères" in password_problem("court")
    assert "espaces" in password_problem(" " * 9)
    assert "contrôle" in password_problem("S3cret\x002026")
    assert "127 octets" in password_problem("é" * 64)
    with pytest.raises(ValueError, match="mot de passe refusé"):
        finish_pdf(b"%PDF-1.4", "{}", "court")

"""Where the candidate is: the steps of each path computed from the record — on every
combination of the CIP wizard's dated steps and on generated CISP records, the steps done
are always the first ones, and the first one not done is the current one —, and the same
steps in the list's « Étape » column and filter, on the page and in the dossier PDF."""

from __future__ import annotations

import itertools
import random
from dataclasses import replace
from datetime import date, timedelta

import pytest
from store_helpers import filled_store, sample
from window_helpers import open_candidate, row_of

from app.domain import Commission, PoleSession
from app.evaluation.evaluate import evaluate
from app.evaluation.steps import path_steps, stage_text
from app.exchange.catalogue import example_catalogue_file, read_catalogue
from app.rules import load_rules
from app.step_names import stage_choices

ON = date(2015, 9, 1)
CIP_DATES = (
    "collective_meeting_on",
    "targeted_meeting_on",
    "positioning_on",
    "admissibility_filed_on",
    "admissibility_decision_on",
    "jury_on",
    "vae_result_on",
)


@pytest.fixture(scope="module")
def catalogue():
    return read_catalogue(example_catalogue_file())


def steps_of(dossier, catalogue, on=ON):
    return path_steps(dossier, evaluate(dossier, on, load_rules(), catalogue))


def assert_in_order(paths) -> None:
    for path in paths:
        states = [step.state for step in path.steps]
        done = states.count("done")
        assert states[:done] == ["done"] * done, states
        assert states[done:] in ([], ["current"] + ["todo"] * (len(states) - done - 1)), states


def test_every_combination_of_the_cip_steps_keeps_them_in_order(catalogue):
    base = sample("cip-eligible")
    day = date(2014, 10, 1)
    count = 0
    for chosen in itertools.product((False, True), repeat=len(CIP_DATES) + 2):
        dated, gaps, sessions = chosen[: len(CIP_DATES)], chosen[-2], chosen[-1]
        values = {
            name: day + timedelta(days=30 * k) if on else None
            for k, (name, on) in enumerate(zip(CIP_DATES, dated, strict=True))
        }
        cip = replace(
            base.cip,
            **values,
            gap_analysis=base.cip.gap_analysis if gaps else (),
            accompaniment_sessions=(date(2015, 3, 10), date(2015, 4, 2)) if sessions else (),
        )
        paths = steps_of(replace(base, cip=cip), catalogue)
        assert_in_order(paths)
        steps = {step.key: step for step in paths[0].steps}
        for name, key in (("jury_on", "jury"), ("vae_result_on", "result")):
            if values[name]:  # a step recorded on or before the day is done, with its date
                assert steps[key].state == "done" and steps[key].on == values[name]
        count += 1
    assert count == 2 ** (len(CIP_DATES) + 2)


def test_generated_cisp_records_keep_their_steps_in_order(catalogue):
    base = sample("cisp-en-cours")
    chance = random.Random(17)
    for _ in range(300):
        cisp = base.cisp
        decision = chance.choice((None, "pending", "accepted", "rejected"))
        sessions = tuple(
            PoleSession(pole, date(2016, 1, 10) + timedelta(days=pole),
                        chance.choice(("validated", "not_validated")))
            for pole in range(1, 5) if chance.random() < 0.5
        )  # fmt: skip
        cisp = replace(
            cisp,
            registered_on=chance.choice((None, date(2014, 10, 1))),
            commission=Commission(decision, date(2014, 11, 20)) if decision else None,
            contracted_on=chance.choice((None, date(2014, 12, 1))),
            pole_sessions=sessions,
        )
        assert_in_order(steps_of(replace(base, cisp=cisp), catalogue, date(2016, 6, 1)))


def test_what_a_current_step_says(catalogue):
    base = sample("cip-eligible")
    filed = replace(base.cip, admissibility_filed_on=date(2015, 3, 2))
    (cip,) = steps_of(replace(base, cip=filed), catalogue)
    assert cip.current.key == "admissibility"
    assert cip.current.text() == "Recevabilité : en cours, déposée le 02/03/2015, décision attendue"
    planned = replace(
        filed, admissibility_decision_on=date(2015, 3, 31), jury_on=date(2015, 10, 15)
    )
    (cip,) = steps_of(replace(base, cip=planned), catalogue)
    steps = {step.key: step for step in cip.steps}
    assert cip.current.key == "accompaniment"  # under way until the jury
    assert steps["jury"].text() == "Jury : à venir, prévu le 15/10/2015"
    partial = replace(
        planned, jury_on=date(2015, 6, 20), vae_result_on=date(2015, 6, 20), vae_outcome="partial"
    )
    paths = steps_of(replace(base, cip=partial), catalogue)
    assert paths[0].current.key == "result"  # partial: the title is not obtained yet
    assert paths[0].current.note == (
        "validation partielle : aucun CCP ; restent les CCP 1, 2, 3 et 4"
    )
    assert paths[0].steps[0].text() == "Information collective : fait, date non renseignée"
    some = replace(partial, validated_activities=(3, 1))
    paths = steps_of(replace(base, cip=some), catalogue)
    assert paths[0].current.note == (
        "validation partielle : CCP 1 et 3 validés ; restent les CCP 2 et 4"
    )
    from app.evaluation.summary import summarize

    summary = summarize(replace(base, cip=some),
                        evaluate(replace(base, cip=some), ON, load_rules(), catalogue))  # fmt: skip
    assert summary.next_step == "CCP à valider : 2, 4"
    every = replace(partial, validated_activities=(1, 2, 3, 4))
    paths = steps_of(replace(base, cip=every), catalogue)
    assert paths[0].current is None and stage_text(paths) == "CIP : parcours terminé"

    from app.export.dossier import DossierContent, dossier_pdf

    dossier = replace(base, cip=some)
    evaluation = evaluate(dossier, ON, load_rules(), catalogue)
    content = DossierContent(dossier, evaluation, "cip", (), ON)
    import pypdfium2

    document = pypdfium2.PdfDocument(dossier_pdf(content, invariant=True))
    text = " ".join(" ".join(p.get_textpage().get_text_range().split()) for p in document)
    assert "Résultat du jury : validation partielle (certains CCP) le 20/06/2015." in text
    assert "version 2014-2015" in text
    assert text.count("validée") >= 2 and text.count("à valider") == 2


def test_the_list_shows_and_filters_by_step(tmp_path, catalogue):
    from app.store.listing import Listing, ListQuery
    from app.store.summaries import refresh_summaries

    store = filled_store(tmp_path / "donnees")
    refresh_summaries(store, load_rules(), catalogue, ON)
    listing = Listing.open(store.path)
    try:
        lines = {line.ref: line.stage for line in listing.page()}
        assert lines == {
            "c-2014-017": "CIP : Recevabilité",
            "c-2014-023": "CIP : Information collective",  # 3 years not reached yet
            "c-2014-031": "CISP : Parcours contractualisé",
        }
        for stage in set(lines.values()):
            assert stage in stage_choices()
        found = listing.page(ListQuery(stage="CIP : Recevabilité"))
        assert [line.ref for line in found] == ["c-2014-017"]
        assert listing.total(ListQuery(stage="CISP : Titre")) == 0
        ordered = [line.ref for line in listing.page(ListQuery(order="stage"))]
        assert ordered == ["c-2014-023", "c-2014-017", "c-2014-031"]  # in the steps' order
        back = [line.ref for line in listing.page(ListQuery(order="stage", descending=True))]
        assert back == list(reversed(ordered))
    finally:
        listing.close()
        store.close(automatic_backup=False)


def test_the_page_and_the_pdf_say_the_same_steps(qtbot, tmp_path, catalogue):
    import pypdfium2

    store = filled_store(tmp_path / "donnees")
    window = open_candidate(qtbot, store, "Martinez")
    bar = window.page.steps.rows[0]
    assert bar.isVisible()
    said = bar.accessibleName()
    assert said.startswith("Étapes du parcours CIP : Information collective : fait")
    assert "Identification : le 15/09/2014" in said and "Recevabilité : en cours" in said
    window.page.clear()
    assert not bar.isVisible()  # no one shown: nothing of anyone stays

    from app.export.dossier import DossierContent, dossier_pdf

    dossier = sample("cip-eligible")
    evaluation = evaluate(dossier, date(2015, 1, 15), load_rules(), catalogue)
    content = DossierContent(dossier, evaluation, "cip", (), date(2015, 1, 15))
    document = pypdfium2.PdfDocument(dossier_pdf(content, invariant=True))
    text = " ".join(" ".join(p.get_textpage().get_text_range().split()) for p in document)
    assert "Où en est le candidat" in text
    assert "Identification ✔ fait 15/09/2014" in text
    assert text.index("Recevabilité ▶ en cours") < text.index("Jury ○ à venir")
    store.close(automatic_backup=False)


def test_without_news_from_its_boundary_day_until_a_step_is_recorded(tmp_path, catalogue):
    from app.store.candidates import existing_candidate, save_dossier
    from app.store.dashboard import without_news
    from app.store.mapping import dossier_of
    from app.store.summaries import refresh_summaries

    rules = load_rules()
    after = rules.value("inactivity_warning_days")
    store = filled_store(tmp_path / "donnees")
    with store.transaction() as session:
        row = existing_candidate(session, sample("cip-eligible").structure.siret, "c-2014-017")
        made = row.created_at.date()
        cid = row.id
    later = made + timedelta(days=after)
    refresh_summaries(store, rules, catalogue, later)
    with store.transaction() as session:
        assert cid not in {
            q.candidate_id for q in without_news(session, later - timedelta(days=1), after)
        }
        quiet = {q.candidate_id: q for q in without_news(session, later, after)}
    assert quiet[cid].days == after
    assert (
        quiet[cid].text().startswith(f"Éloïse Martinez — sans nouvelle étape depuis {after} jours")
    )
    with store.transaction() as session:  # a step recorded: the news stops the warning
        row = existing_candidate(session, sample("cip-eligible").structure.siret, "c-2014-017")
        dossier = dossier_of(row)
        step = replace(dossier.cip, admissibility_filed_on=later - timedelta(days=3))
        save_dossier(session, replace(dossier, cip=step), store.user)
    with store.transaction() as session:
        assert cid not in {q.candidate_id for q in without_news(session, later, after)}
    store.close(automatic_backup=False)


def test_an_abandon_leaves_deadlines_and_groups_stays_in_history_and_is_resumed(
    tmp_path, catalogue
):
    from app.exchange.dossier import dossier_to_data
    from app.store.candidates import candidate_dossier, existing_candidate
    from app.store.closures import ClosureError, close_candidacy, resume_candidacy
    from app.store.dashboard import deadlines, regional_groups, without_news
    from app.store.history import history_lines
    from app.store.summaries import refresh_summaries

    rules = load_rules()
    store = filled_store(tmp_path / "donnees")
    with store.transaction() as session:
        row = existing_candidate(session, sample("cip-eligible").structure.siret, "c-2014-017")
        cid = row.id
        decided = replace(candidate_dossier(session, cid).cip, admissibility_decision_on=ON)
        from app.store.candidates import save_dossier

        save_dossier(session, replace(candidate_dossier(session, cid), cip=decided), store.user)
    refresh_summaries(store, rules, catalogue, ON)

    def seen():
        with store.transaction() as session:
            return (
                cid in {d.candidate_id for d in deadlines(session, ON, 120)},
                sum(g.eligible for g in regional_groups(session, 7)),
                cid
                in {q.candidate_id for q in without_news(session, ON + timedelta(days=400), 60)},
            )

    assert seen() == (True, 1, True)
    with store.transaction() as session:
        close_candidacy(session, cid, "cip", ON + timedelta(days=10), "left_structure",
                        "Déménagement", store.user)  # fmt: skip
        with pytest.raises(ClosureError, match="déjà close"):
            close_candidacy(session, cid, "cip", ON, "other", None, store.user)
    refresh_summaries(store, rules, catalogue, ON)
    with store.transaction() as session:
        dossier = candidate_dossier(session, cid)
    assert seen() == (False, 0, False)  # out of the deadlines, the groups, the news
    paths = steps_of(dossier, catalogue)
    assert stage_text(paths) == "CIP : parcours clos"
    assert paths[0].closure_text() == (
        "Candidature close le 11/09/2015 : départ de la structure (Déménagement)"
    )
    data = dossier_to_data(dossier)
    assert data["cip"]["closure"] == {
        "on": "2015-09-11", "reason": "left_structure", "note": "Déménagement"
    }  # fmt: skip
    with store.transaction() as session:
        resume_candidacy(session, cid, "cip", ON + timedelta(days=40), store.user)
        lines = history_lines(session, cid)
    refresh_summaries(store, rules, catalogue, ON + timedelta(days=40))
    assert "11/09/2015 — CIP : Candidature close (abandon) (départ de la structure)" in lines
    assert "11/10/2015 — CIP : Parcours repris" in lines
    with store.transaction() as session:
        again = candidate_dossier(session, cid)
    assert steps_of(again, catalogue)[0].closure is None
    assert dossier_to_data(again)["cip"]["closure"]["resumed_on"] == "2015-10-11"
    assert "closure" not in dossier_to_data(sample("cip-eligible"))["cip"]  # only when used
    store.close(automatic_backup=False)


def test_closing_and_resuming_from_the_page(qtbot, tmp_path, monkeypatch):
    from ui.candidate import closure_actions

    store = filled_store(tmp_path / "donnees")
    window = open_candidate(qtbot, store, "Martinez")
    lines = window.candidate_list.model
    tab = window.page.cip
    assert tab.close_button.isVisibleTo(tab) and not tab.resume_button.isVisibleTo(tab)
    asked = []
    monkeypatch.setattr(closure_actions, "ask_closure",
                        lambda _p, who, path: asked.append((who, path))
                        or (date(2015, 3, 2), "no_funding", ""))  # fmt: skip
    tab.close_button.click()
    assert asked == [("Éloïse Martinez", "cip")]
    assert tab.closure.text() == ("<b>Candidature close le 02/03/2015</b> : financement non obtenu")
    assert tab.resume_button.isVisibleTo(tab) and not tab.close_button.isVisibleTo(tab)
    assert "Candidature close le 02/03/2015" in window.page.steps.rows[0].text()

    def martinez_line() -> list[str]:
        found = row_of(lines, "Martinez")
        return [lines.index(found, c).data() for c in range(lines.columnCount())]

    assert "CIP : parcours clos" in martinez_line()  # the list's line follows at once
    tab.resume_button.click()
    assert tab.closure.text().startswith("Parcours repris le ")
    assert "CIP : parcours clos" not in martinez_line()
    assert tab.close_button.isVisibleTo(tab)
    history = [window.page.history.entries.item(i).text()
               for i in range(window.page.history.entries.count())]  # fmt: skip
    assert any("Candidature close (abandon) (financement non obtenu)" in line for line in history)
    store.close(automatic_backup=False)


def test_what_a_review_found(tmp_path, catalogue):
    """A closure in the future is refused; a step is never done on a fact of the future
    or on a commission not accepted."""
    from app.store.candidates import existing_candidate
    from app.store.closures import ClosureError, close_candidacy

    store = filled_store(tmp_path / "donnees")
    with store.transaction() as session:
        row = existing_candidate(session, sample("cip-eligible").structure.siret, "c-2014-017")
        with pytest.raises(ClosureError, match="dans le futur"):
            close_candidacy(session, row.id, "cip", date.today() + timedelta(days=1),
                            "other", None, store.user)  # fmt: skip
    store.close(automatic_backup=False)
    base = sample("cip-eligible")
    later = replace(base.cip, accompaniment_sessions=(ON + timedelta(days=5),),
                    jury_on=ON + timedelta(days=30))  # fmt: skip
    steps = {s.key: s for s in steps_of(replace(base, cip=later), catalogue)[0].steps}
    assert steps["accompaniment"].state != "done"
    cisp = sample("cisp-en-cours")
    refused = replace(cisp.cisp, commission=Commission("rejected", date(2014, 11, 20)),
                      contracted_on=None)  # fmt: skip
    steps = {s.key: s for s in steps_of(replace(cisp, cisp=refused), catalogue)[0].steps}
    assert steps["commission"].state == "current" and steps["commission"].note == "refusée"


def test_the_step_column_sorts_in_the_steps_order():
    import sqlite3

    from app.store.listing import SORT_COLUMNS
    from app.text import folded

    connection = sqlite3.connect(":memory:")
    connection.create_function("folded", 1, folded, deterministic=True)
    connection.execute("CREATE TABLE candidates (id INTEGER, stage TEXT)")
    stages = ["CIP : Accompagnement", "CIP : Information collective ; CISP : Dépôt",
              "CISP : Titre", "CIP : parcours clos", ""]  # fmt: skip
    connection.executemany("INSERT INTO candidates VALUES (?, ?)", enumerate(stages))
    found = [row[0] for row in connection.execute(
        f"SELECT c.stage FROM candidates AS c ORDER BY {SORT_COLUMNS['stage']}"
    )]  # fmt: skip
    assert found == ["CIP : Information collective ; CISP : Dépôt", "CIP : Accompagnement",
                     "CIP : parcours clos", "CISP : Titre", ""]  # fmt: skip

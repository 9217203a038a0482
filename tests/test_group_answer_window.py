"""A structure's window after COORACE's answer about a group is imported: the dashboard
shows the group with its members from this structure and its dates, the candidate's CIP
tab says which group they are in; the region line no longer counts a group alone."""

from datetime import UTC, date, datetime

from store_helpers import filled_store, rows
from tests_setup import OWN_STRUCTURE

from app.exchange.group_answer import AnsweredGroup, AnsweredMember, GroupAnswer, answer_text
from app.store.intake import import_paths
from app.store.structure import Setup, save_setup
from app.store.summaries import refresh_summaries
from ui.window.dashboard import Dashboard
from ui.window.main_window import MainWindow

GROUP = AnsweredGroup(
    uid="5f0c2b9e-0000-4000-8000-000000000001",
    name="Groupe régional Centre-Val de Loire (06/2015)",
    kind="regional",
    regions=("Centre-Val de Loire",),
    status="running",
    afpa_centre="AFPA Tours",
    starts_on=date(2015, 6, 15),
    ends_on=None,
    candidates=9,
    reason="Centre-Val de Loire : 9 candidats prêts (au moins 7) : groupe régional",
)


def answer(at: datetime, members: tuple[AnsweredMember, ...]) -> GroupAnswer:
    return GroupAnswer(at, GROUP, OWN_STRUCTURE.siret, OWN_STRUCTURE.name, members)


def test_the_answer_shows_on_the_dashboard_and_the_candidate_page(
    qtbot, tmp_path, rules, catalogue
):
    store = filled_store(tmp_path / "donnees")
    save_setup(store, Setup(OWN_STRUCTURE, "formationcertifiante@coorace.org", "Claire"))
    refresh_summaries(store, rules, catalogue, date.today())
    before = Dashboard(store, rules)
    qtbot.addWidget(before)
    before.reload()
    region_line = before.groups.item(0).text()
    assert "le groupe se constitue chez COORACE avec les autres structures" in region_line
    member = AnsweredMember("c-2014-017", "Martinez", "Éloïse", date(2015, 6, 1))
    file = tmp_path / "reponse.json"
    at = datetime(2015, 6, 2, 10, 0, tzinfo=UTC)
    file.write_text(answer_text(answer(at, (member,))), encoding="utf-8")
    report = import_paths(store, [file], rules, catalogue)
    assert [o.outcome for o in report.outcomes] == ["created"]
    panel = Dashboard(store, rules)
    qtbot.addWidget(panel)
    panel.reload()
    text = panel.answered.item(0).text()
    assert text.startswith("Groupe régional Centre-Val de Loire (06/2015) — régional")
    assert "en cours" in text and "début le 15/06/2015" in text and "Éloïse Martinez" in text
    assert all("Éloïse" not in panel.groups.item(i).text() for i in range(panel.groups.count()))
    window = MainWindow(store)
    qtbot.addWidget(window)
    (candidate_id,) = rows(store.path, "SELECT id FROM candidates WHERE ref = 'c-2014-017'")[0]
    window.page.load_candidate(candidate_id)
    assert "Groupe de VAE collective : Groupe régional Centre-Val de Loire" in (
        window.page.cip.group.text()
    )
    assert "membre depuis le 01/06/2015" in window.page.cip.group.text()
    gone = AnsweredMember(
        "c-2014-017", "Martinez", "Éloïse", date(2015, 6, 1), date(2015, 7, 1), "déménagement"
    )
    later = tmp_path / "reponse-2.json"
    later.write_text(answer_text(answer(datetime(2015, 7, 2, tzinfo=UTC), (gone,))))
    assert [o.outcome for o in import_paths(store, [later], rules, catalogue).outcomes] == [
        "updated"
    ]
    assert [o.outcome for o in import_paths(store, [file], rules, catalogue).outcomes] == ["older"]
    window.page.load_candidate(candidate_id)
    assert "a quitté le groupe le 01/07/2015 (déménagement)" in window.page.cip.group.text()
    store.close(automatic_backup=False)

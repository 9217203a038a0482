"""Benchmark of the collective accompaniment (run by `make bench`), on a real COORACE store.

3 000 dossiers from 200 structures imported (`import_paths`, as the window does), 200
groups of 15 members recorded, each with 10 collective half-days and every member's
attendance at each (30 000 attendance lines); a fifth of the members left their group
along the way, half of the dossiers have their admissibility decided and sessions held.
Goals: the board of a group, as the window shows it when the group is chosen (read from
the store and the table filled), under 100 ms — the slowest of the 200 groups, in
process; a group of 15 members with 10 half-days: the attendance sheets of its 5 days
under 1 s. Every group's board read at once (3 000 lines, no screen shows them together)
is measured too, for information. The store is made in bench/out/board/ each run.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.report import OUT, save_figures  # noqa: E402

MEMBERS = 3_000
STRUCTURES = 200
GROUP_SIZE = 15
HALF_DAYS = 10
GOAL_BOARD_MS = 100.0
GOAL_SHEETS_S = 1.0
PLACE = OUT / "board"
FIRST_DAY = date(2015, 3, 2)


def documents() -> list[dict]:
    rng = random.Random(16)
    template = json.loads((ROOT / "resources/examples/cip-eligible.json").read_text("utf-8"))
    out = []
    for index in range(MEMBERS):
        data = json.loads(json.dumps(template))
        data["structure"] = template["structure"] | {
            "siret": f"{30000000000000 + index % STRUCTURES}",
            "name": f"Structure {index % STRUCTURES}",
        }
        data["candidate"] = data["candidate"] | {
            "ref": f"m-{index:05d}",
            "last_name": f"Nom{index}",
            "first_name": rng.choice(["Éloïse", "Karim", "Sophie", "Jean", "Awa"]),
        }
        if index % 2 == 0:  # half have entered the VAE and started their accompaniment
            decided = FIRST_DAY + timedelta(days=index % 40)
            data["cip"] |= {
                "admissibility_filed_on": (decided - timedelta(days=20)).isoformat(),
                "admissibility_decision_on": decided.isoformat(),
                "accompaniment_sessions": [
                    (decided + timedelta(days=7 * k)).isoformat() for k in range(1, 4)
                ],
            }
        out.append(data)
    return out


def make_store():
    from app.rules import load_rules
    from app.store.catalogue_in_use import load_catalogue_in_use
    from app.store.database import open_store
    from app.store.intake import import_paths
    from app.store.workspace import CooraceSetup, save_coorace_setup

    shutil.rmtree(PLACE, ignore_errors=True)
    inbox = PLACE / "recus"
    inbox.mkdir(parents=True)
    for index, data in enumerate(documents()):
        (inbox / f"{index:05d}.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    store = open_store(PLACE / "coorace", user="Banc d'essai")
    save_coorace_setup(store, CooraceSetup("Certification", "Banc d'essai", "c@coorace.invalid"))
    import_paths(store, [inbox], load_rules(), load_catalogue_in_use(store.data_dir))
    fill_groups(store)
    return store


def fill_groups(store) -> None:
    """200 groups of 15, their calendars and every attendance, in set inserts."""
    from sqlalchemy import insert, select

    from app.store.group_models import (
        AttendanceRow,
        GroupHalfDayRow,
        GroupMemberRow,
        GroupRow,
    )
    from app.store.models import CandidateRow

    now = datetime.now()
    with store.transaction() as session:
        ids = list(session.scalars(select(CandidateRow.id).order_by(CandidateRow.ref)))
        groups = MEMBERS // GROUP_SIZE
        session.execute(
            insert(GroupRow),
            [
                {
                    "uid": f"banc-{g:04d}",
                    "name": f"Groupe {g}",
                    "kind": "regional",
                    "regions": '["Centre-Val de Loire"]',
                    "status": "running",
                    "starts_on": FIRST_DAY,
                    "reason": "banc d'essai",
                    "created_at": now,
                    "updated_at": now,
                }
                for g in range(groups)
            ],
        )
        group_ids = list(session.scalars(select(GroupRow.id).order_by(GroupRow.id)))
        members = []
        for k, cid in enumerate(ids):
            left = FIRST_DAY + timedelta(days=60) if k % 5 == 4 else None
            members.append(
                {
                    "group_id": group_ids[k // GROUP_SIZE],
                    "candidate_id": cid,
                    "joined_on": FIRST_DAY,
                    "left_on": left,
                    "left_reason": "Départ de la structure" if left else None,
                }
            )
        session.execute(insert(GroupMemberRow), members)
        days = [FIRST_DAY + timedelta(days=28 * d) for d in range(HALF_DAYS // 2)]
        session.execute(
            insert(GroupHalfDayRow),
            [
                {"group_id": gid, "day": day, "half": half, "kind": "collective",
                 "place": "Orléans", "led_by": "COORACE"}
                for gid in group_ids
                for day in days
                for half in ("matin", "apres-midi")
            ],
        )  # fmt: skip
        slots = session.execute(select(GroupHalfDayRow.id, GroupHalfDayRow.group_id)).all()
        by_group: dict[int, list[int]] = {}
        for slot, gid in slots:
            by_group.setdefault(gid, []).append(slot)
        statuses = ("present", "present", "present", "excused", "absent")
        session.execute(
            insert(AttendanceRow),
            [
                {"half_day_id": slot, "candidate_id": m["candidate_id"],
                 "status": statuses[(slot + m["candidate_id"]) % len(statuses)],
                 "recorded_at": now, "recorded_by": store.user}
                for m in members
                for slot in by_group[m["group_id"]]
            ],
        )  # fmt: skip


def median_ms(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import select

    from app.consolidation.attendance import sheet_of
    from app.consolidation.board import boards, group_board
    from app.consolidation.calendar import half_days
    from app.consolidation.groups import find_group
    from app.export.attendance_sheet import attendance_sheet_pdf
    from app.rules import load_rules
    from app.store.group_models import GroupRow
    from ui.consolidation.board_view import BoardView

    start = time.perf_counter()
    store = make_store()
    made_s = time.perf_counter() - start
    rules = load_rules()
    on = FIRST_DAY + timedelta(days=120)
    with store.transaction() as session:
        group_ids = list(session.scalars(select(GroupRow.id).order_by(GroupRow.id)))

    def one_board(gid: int) -> None:
        with store.transaction() as session:
            lines = group_board(session, gid, on, rules)
        assert len(lines) == GROUP_SIZE

    board_times = []
    for gid in group_ids:
        board_times.append(median_ms(lambda gid=gid: one_board(gid), 1))
    read_ms = statistics.median(board_times)

    application = QApplication.instance() or QApplication([])
    view = BoardView(store, rules)
    view.on = on
    view.resize(1400, 700)
    view.show()
    application.processEvents()
    shown = []
    for gid in group_ids:
        shown.append(median_ms(lambda gid=gid: view.show_group(gid, "Groupe"), 1))
    shown_ms = statistics.median(shown)
    assert view.table.rowCount() == GROUP_SIZE

    def every_board() -> None:
        with store.transaction() as session:
            found = boards(session, group_ids, on, rules)
        assert sum(len(lines) for lines in found.values()) == MEMBERS

    all_ms = median_ms(every_board, 5)

    def sheets() -> None:
        with store.transaction() as session:
            group = find_group(session, str(group_ids[0]))
            days = sorted({slot.day for slot in half_days(session, group)})
            made = [attendance_sheet_pdf(sheet_of(session, group, day, True)) for day in days]
        assert len(made) == HALF_DAYS // 2

    sheets_s = median_ms(sheets, 3) / 1000
    store.close(automatic_backup=False)
    figures = {
        "members": MEMBERS,
        "groups": len(group_ids),
        "store_made_s": round(made_s, 1),
        "board_read_ms_median": round(read_ms, 2),
        "board_read_ms_max": round(max(board_times), 2),
        "board_shown_ms_median": round(shown_ms, 2),
        "board_shown_ms_max": round(max(shown), 2),
        "every_board_ms_median": round(all_ms, 1),
        "sheets_5_days_s": round(sheets_s, 3),
        "goal_board_shown_ms": GOAL_BOARD_MS,
        "goal_sheets_s": GOAL_SHEETS_S,
    }
    save_figures("board", figures, show=True)
    met = max(shown) < GOAL_BOARD_MS and sheets_s < GOAL_SHEETS_S
    print("Objectifs atteints." if met else "Objectif manqué.")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""Eight editors saving the same plan at the same moment.

The app is one process serving many browser sessions, each in its own thread, all sharing the
process's one Store (DuckDB lets no second process open the file, see the store's docstring).
So the editors here are eight threads of this process calling the editing functions the Manage
page calls, each with the version it read. Every save must land or be refused as a conflict:
none lost, none silently overwritten.
"""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import duckdb

from mentoring_data import editing
from mentoring_data.access.accounts import User
from mentoring_data.editing import Edit

PROGRAMME = "inclucities"
PLAN = "capaci-tutti-capaci"
STEPS = ("capaci-define-target-group", "capaci-promotion")
EDITORS = 8
ROUNDS = 6


def editor(n: int) -> User:
    return User(f"editor-{n}", "editor", ((PROGRAMME, None),))


def read_step(step_id: str) -> tuple[dict, int]:
    found = editing.record_for_edit("steps", PROGRAMME, step_id)
    assert found is not None
    return found


def owner_history(path, step_id: str) -> list[tuple[str, str]]:
    with duckdb.connect(str(path)) as connection:  # shares the open Store's database
        return connection.execute(
            "select username, new_value::varchar from changes where record_id = $i "
            "and field = 'owner' order by id",
            {"i": step_id},
        ).fetchall()


def test_eight_editors_on_one_step_every_save_lands_or_is_a_conflict(edit_store):
    """Each round, all eight read the step, wait for each other, then save their own value
    with the version they read: exactly one lands, seven are conflicts naming the winner."""
    outcomes: list[tuple[int, int, str, object]] = []
    lock = threading.Lock()
    barrier = threading.Barrier(EDITORS)

    def edit(n: int) -> None:
        for round_ in range(ROUNDS):
            _, version = read_step(STEPS[0])
            barrier.wait(timeout=30)
            value = f"round {round_} by editor {n}"
            result = editing.save_edits(
                edit_store,
                editor(n),
                "steps",
                PROGRAMME,
                [Edit(STEPS[0], version, {"owner": value})],
            )
            with lock:
                outcomes.append((round_, n, value, result))
            barrier.wait(timeout=30)  # the next round reads after every save of this one

    with ThreadPoolExecutor(EDITORS) as pool:
        for future in [pool.submit(edit, n) for n in range(EDITORS)]:
            future.result()

    landed = [o for o in outcomes if o[3].ok]
    refused = [o for o in outcomes if o[3].conflicts]
    assert len(landed) + len(refused) == EDITORS * ROUNDS  # nothing else happened to any
    assert all(not o[3].errors for o in outcomes)
    assert Counter(o[0] for o in landed) == {r: 1 for r in range(ROUNDS)}
    winners = {o[0]: f"editor-{o[1]}" for o in landed}
    for round_, _, _, result in refused:
        assert result.conflicts[0].changed_by == winners[round_]  # says who saved first
    history = owner_history(edit_store.path, STEPS[0])
    assert len(history) == len(landed)
    document, version = read_step(STEPS[0])
    last = max(landed, key=lambda o: o[0])
    assert document["owner"] == last[2]
    assert version == 1 + len(landed)
    print(f"\n{len(outcomes)} saves: {len(landed)} landed, {len(refused)} conflicts")


def test_eight_editors_saving_in_a_free_for_all_lose_nothing(edit_store):
    """No rounds: each editor re-reads and saves as fast as it can, on two steps of the same
    plan. Every landed value is in the history in the order it landed; the stored value is
    the last one landed; conflicts are counted, nothing else."""
    saves_each = 10
    landed: list[tuple[str, str]] = []
    conflicts = Counter()
    lock = threading.Lock()
    start = threading.Barrier(EDITORS)

    def edit(n: int) -> None:
        start.wait(timeout=30)
        for k in range(saves_each):
            step_id = STEPS[(n + k) % 2]
            _, version = read_step(step_id)
            value = f"editor {n} save {k}"
            result = editing.save_edits(
                edit_store,
                editor(n),
                "steps",
                PROGRAMME,
                [Edit(step_id, version, {"owner": value})],
            )
            with lock:
                if result.ok:
                    landed.append((step_id, value))
                else:
                    assert result.conflicts and not result.errors, result
                    conflicts[step_id] += 1

    with ThreadPoolExecutor(EDITORS) as pool:
        for future in [pool.submit(edit, n) for n in range(EDITORS)]:
            future.result()

    assert len(landed) + sum(conflicts.values()) == EDITORS * saves_each
    for step_id in STEPS:
        values = [value for s, value in landed if s == step_id]
        history = [new.strip('"') for _, new in owner_history(edit_store.path, step_id)]
        assert sorted(history) == sorted(values)  # each landed save once, nothing else
        document, version = read_step(step_id)
        assert document["owner"] == history[-1]
        assert version == 1 + len(values)
    print(f"\n{EDITORS * saves_each} saves: {len(landed)} landed, {dict(conflicts)} conflicts")


def test_eight_editors_adding_steps_to_one_plan_get_distinct_positions(edit_store):
    """Additions to the same plan do not conflict: all land, each at its own position."""

    def add(n: int):
        return editing.add_record(
            edit_store,
            editor(n),
            "steps",
            PROGRAMME,
            {"id": f"parallel-{n}", "title": f"Added by editor {n}", "status": "not-started"},
            plan_id=PLAN,
        )

    with ThreadPoolExecutor(EDITORS) as pool:
        results = list(pool.map(add, range(EDITORS)))
    assert all(r.ok for r in results), [r.errors for r in results if not r.ok]
    with duckdb.connect(str(edit_store.path)) as connection:
        positions = connection.execute(
            "select position from steps where programme_id = $p", {"p": PROGRAMME}
        ).fetchall()
        inserts = connection.execute(
            "select count(*) from changes where action = 'insert' and record_id like 'parallel-%'"
        ).fetchone()[0]
    assert len(positions) == len(set(positions))
    assert inserts == EDITORS


def test_eight_sessions_arriving_at_the_first_start_make_one_admin(page_db, monkeypatch):
    """Sessions that open an empty database together: the shipped programmes are loaded once
    and one admin account is made (before, every session but one failed on a duplicate)."""
    from mentoring_data import startup

    monkeypatch.setenv("MENTORING_ADMIN_PASSWORD", "admin-password-for-tests")
    barrier = threading.Barrier(EDITORS)

    def arrive(_: int):
        barrier.wait(timeout=30)
        return startup.current_store()

    try:
        with ThreadPoolExecutor(EDITORS) as pool:
            stores = list(pool.map(arrive, range(EDITORS)))
        assert len({id(s) for s in stores}) == 1
        assert stores[0].rows("admin_count")[0][0] == 1
        assert len(stores[0].rows("programme_ids")) == len(
            startup.settings.shipped_programme_files()
        )
    finally:
        startup._checked_stores.discard(page_db.resolve())

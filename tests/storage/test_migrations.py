from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from scorer.domain.interview import InterviewState, QuestionStatus
from scorer.domain.signing_records import ExportRecord
from scorer.domain.store_errors import StoreCorrupt, StoreError, StoreTooNew
from scorer.paths import backups_dir, database_path
from scorer.services.interviews import InterviewService
from scorer.services.store import open_local_store
from scorer.storage.migrate import HEAD_REVISION, current_revision, script_head, upgrade
from scorer.storage.tables import metadata
from tests.services.factories import FakeClock, make_rubric

STAMP = "2025-03-03 09:00:00.000000"


def test_the_head_constant_matches_the_migration_scripts() -> None:
    assert script_head() == HEAD_REVISION


def test_a_new_database_is_created_at_head_without_a_backup(scorer_home: Path) -> None:
    with open_local_store(scorer_home):
        pass
    assert current_revision(database_path(scorer_home)) == HEAD_REVISION
    assert not backups_dir(scorer_home).exists()
    with sqlite3.connect(database_path(scorer_home)) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_the_migrated_schema_is_exactly_the_table_definitions(scorer_home: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import create_engine

    with open_local_store(scorer_home):
        pass
    engine = create_engine(f"sqlite:///{database_path(scorer_home)}")
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []
    engine.dispose()


def _fill_revision_0001(path: Path) -> str:
    """Rows as revision 0001 stored them, written with plain SQL."""
    rubric = make_rubric()
    with sqlite3.connect(path) as raw:
        raw.executescript(f"""
            INSERT INTO candidates
                VALUES (1, 'Łukasz Øster-Müller', 'lukasz@example.org', '{STAMP}');
            INSERT INTO interviewers VALUES (1, 'Yan', 'yan@example.com', '{STAMP}');
            INSERT INTO interviews (id, candidate_id, interviewer_id, rubric_id, rubric_version,
                created_at, updated_at, started_at, paused_at, current_question_id, recommendation)
                VALUES (1, 1, 1, 'toy', '{rubric.version}', '{STAMP}', '{STAMP}',
                        '2025-03-03 09:00:00.000000', '2025-03-03 09:20:00.000000',
                        'loader', 'yes');
            INSERT INTO interview_notes VALUES (1, '[01:00] started', 'Strong.');
            INSERT INTO timer_pauses VALUES (1, 1, '2025-03-03 09:05:00.000000',
                                             '2025-03-03 09:06:00.000000');
            INSERT INTO interview_questions VALUES (1, 'loader', 'asked', 61.5, 'queue', '{STAMP}');
            INSERT INTO adhoc_questions
                VALUES (1, 1, 'Why?', 70.0, 'because', '{STAMP}', '{STAMP}');
            INSERT INTO dimension_scores VALUES (1, 'parallel', 3, 'pool', '{STAMP}');
        """)
        raw.execute(
            "INSERT INTO rubric_snapshots VALUES ('toy', ?, ?, ?, ?)",
            (rubric.version, rubric.title, rubric.to_snapshot(), STAMP),
        )
    return rubric.version


def test_an_older_database_is_backed_up_then_upgraded_with_its_data_intact(
    scorer_home: Path,
) -> None:
    path = database_path(scorer_home)
    scorer_home.mkdir(parents=True)
    upgrade(path, "0001")
    assert current_revision(path) == "0001"
    version = _fill_revision_0001(path)

    clock = FakeClock(datetime(2025, 3, 3, 10, 0, tzinfo=UTC))
    with open_local_store(scorer_home) as store:
        service = InterviewService(store, clock)
        detail = service.get_interview(1)
        service.tick_prep_item(1, "send-key")  # a table that 0002 added
        assert service.get_interview(1).prep_ticked == {"send-key"}
        # From before 0004, when only the content was pinned: no text, and it says so.
        assert service.pinned_text(1) is None
        assert [(u.interview_id, u.version, u.has_text) for u in service.rubric_uses("toy")] == [
            (1, version, False)
        ]
    assert current_revision(path) == HEAD_REVISION

    assert detail.candidate.name == "Łukasz Øster-Müller"
    assert (detail.rubric.id, detail.rubric_version) == ("toy", version)
    assert detail.state is InterviewState.PAUSED
    assert detail.elapsed(clock.now) == 20 * 60 - 60
    assert detail.current_question_id == "loader" and detail.recommendation == "yes"
    assert (detail.general_notes, detail.summary_note) == ("[01:00] started", "Strong.")
    mark = detail.question("loader")
    assert (mark.status, mark.asked_at, mark.note) == (QuestionStatus.ASKED, 61.5, "queue")
    assert [(a.text, a.note) for a in detail.adhoc_questions] == [("Why?", "because")]
    assert (detail.score("parallel").score, detail.score("parallel").evidence) == (3, "pool")
    assert detail.scheduled_for is None and detail.prep_ticked == frozenset()

    (backup,) = backups_dir(scorer_home).iterdir()
    assert backup.name.startswith("scorer-") and backup.name.endswith("-0001.sqlite3")
    assert current_revision(backup) == "0001"
    with sqlite3.connect(backup) as copy:
        assert copy.execute("SELECT general_notes FROM interview_notes").fetchone() == (
            "[01:00] started",
        )
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_database_from_a_newer_scorer_is_refused(scorer_home: Path) -> None:
    with open_local_store(scorer_home):
        pass
    with sqlite3.connect(database_path(scorer_home)) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StoreTooNew, match="newer version of Scorer"):
        open_local_store(scorer_home)


def test_another_programs_database_is_not_touched(scorer_home: Path) -> None:
    scorer_home.mkdir(parents=True)
    path = database_path(scorer_home)
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE photos (id INTEGER)")
    with pytest.raises(StoreCorrupt, match=str(path)):
        open_local_store(scorer_home)
    with sqlite3.connect(path) as raw:
        tables = raw.execute("SELECT name FROM sqlite_master").fetchall()
    assert tables == [("photos",)]


def test_a_failing_upgrade_changes_nothing(scorer_home: Path) -> None:
    path = database_path(scorer_home)
    scorer_home.mkdir(parents=True)
    upgrade(path, "0001")
    _fill_revision_0001(path)
    with sqlite3.connect(path) as raw:  # makes the second step of 0002 fail
        raw.execute("ALTER TABLE interviews ADD COLUMN scheduled_for VARCHAR")
    with pytest.raises(StoreError, match=f"Upgrading the database {path} .* nothing was changed"):
        open_local_store(scorer_home)
    assert current_revision(path) == "0001"
    with sqlite3.connect(path) as raw:
        tables = {name for (name,) in raw.execute("SELECT name FROM sqlite_master")}
        assert "prep_ticks" not in tables  # the first step of 0002 was rolled back
        assert raw.execute("SELECT summary_note FROM interview_notes").fetchall() == [("Strong.",)]
    assert len(list(backups_dir(scorer_home).iterdir())) == 1


def test_a_revision_0002_database_is_upgraded_to_signing_with_its_data_intact(
    scorer_home: Path,
) -> None:
    from scorer.storage import signing

    path = database_path(scorer_home)
    scorer_home.mkdir(parents=True)
    upgrade(path, "0002")
    version = _fill_revision_0001(path)
    with sqlite3.connect(path) as raw:  # what 0002 added
        raw.execute("UPDATE interviews SET scheduled_for = '2025-03-03' WHERE id = 1")
        raw.execute(f"INSERT INTO prep_ticks VALUES (1, 'send-key', '{STAMP}')")

    clock = FakeClock(datetime(2025, 3, 3, 10, 0, tzinfo=UTC))
    with open_local_store(scorer_home) as store:
        assert current_revision(path) == HEAD_REVISION
        detail = InterviewService(store, clock).get_interview(1)
        with store.read() as reader:
            facts = signing.signing_facts(reader.connection, 1)
            assert signing.export_records(reader.connection, 1) == []
        # The new columns and table work on the upgraded rows.
        with store.write() as tx:
            signing.pin_certificate(tx.connection, 1, "ab" * 32, also_interviewer=True)
            signing.record_export(tx.connection, ExportRecord(
                1, "/tmp/card.pdf", "cd" * 32, "ab" * 32, "A4", clock.now))
        with store.read() as reader:
            pinned = signing.signing_facts(reader.connection, 1)
            [record] = signing.export_records(reader.connection, 1)

    assert (detail.candidate.name, detail.interviewer.email) == (
        "Łukasz Øster-Müller", "yan@example.com")
    assert (detail.rubric.id, detail.rubric_version) == ("toy", version)
    assert detail.scheduled_for is not None and detail.scheduled_for.isoformat() == "2025-03-03"
    assert detail.prep_ticked == {"send-key"}
    assert (detail.general_notes, detail.summary_note) == ("[01:00] started", "Strong.")
    assert (detail.score("parallel").score, detail.score("parallel").evidence) == (3, "pool")
    assert [(a.text, a.note) for a in detail.adhoc_questions] == [("Why?", "because")]
    assert (facts.interviewer_name, facts.pinned, facts.on_record) == ("Yan", None, None)
    assert (pinned.pinned, pinned.on_record) == ("ab" * 32, "ab" * 32)
    assert (record.sha256, record.page_size, record.exported_at) == ("cd" * 32, "A4", clock.now)

    (backup,) = backups_dir(scorer_home).iterdir()
    assert backup.name.endswith("-0002.sqlite3") and current_revision(backup) == "0002"
    with sqlite3.connect(backup) as copy:
        columns = {row[1] for row in copy.execute("PRAGMA table_info(interviews)")}
        assert "interviewer_certificate_sha256" not in columns
        assert copy.execute("SELECT item_id FROM prep_ticks").fetchall() == [("send-key",)]


def test_the_signing_revision_downgrades_cleanly(scorer_home: Path) -> None:
    from alembic import command
    from alembic.config import Config

    from scorer.storage.engine import make_engine, writer
    from scorer.storage.migrate import MIGRATIONS_DIR

    path = database_path(scorer_home)
    scorer_home.mkdir(parents=True)
    upgrade(path, "0002")
    _fill_revision_0001(path)
    upgrade(path, HEAD_REVISION)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    engine = make_engine(path, foreign_keys=False)
    with writer(engine).begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0002")
    engine.dispose()
    assert current_revision(path) == "0002"
    with sqlite3.connect(path) as raw:
        tables = {name for (name,) in raw.execute("SELECT name FROM sqlite_master")}
        columns = {row[1] for row in raw.execute("PRAGMA table_info(interviewers)")}
        assert "exports" not in tables and "certificate_sha256" not in columns
        assert raw.execute("SELECT name FROM interviewers").fetchall() == [("Yan",)]

"""`kohtaamo content import|export|sync-starter`: YAML files in and out of the published versions."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from qa_app.content import default_content_dirs
from qa_app.models import ContentVersion
from qa_app.services import content_versions
from qa_app.services.content_store import record_version

STARTER = default_content_dirs()
STARTER_FILES = sorted(
    path.name for root in (*STARTER.scenarios, *STARTER.rubrics) for path in root.glob("*.yaml")
)


def _count(db) -> int:
    return db.session.scalar(select(func.count(ContentVersion.id)))


def _starter_copy(tmp_path: Path) -> Path:
    target = tmp_path / "starter"
    shutil.copytree(STARTER.scenarios[0], target / "scenarios")
    shutil.copytree(STARTER.rubrics[0], target / "rubrics")
    return target


def test_sync_starter_publishes_every_starter_file_once(runner, db):
    """The first sync publishes each starter file; the second changes nothing."""
    first = runner.invoke(args=["content", "sync-starter"])
    assert first.exit_code == 0, first.output
    assert _count(db) == len(STARTER_FILES)
    assert all(row.status == "published" and row.source_yaml for row in db.session.scalars(select(ContentVersion)))
    second = runner.invoke(args=["content", "sync-starter"])
    assert second.exit_code == 0 and second.stdout == ""
    assert "0 versions published" in second.stderr
    assert _count(db) == len(STARTER_FILES)


def test_import_export_import_changes_nothing(runner, db, tmp_path):
    """Every starter file survives import → export → import byte for byte, and validates."""
    assert runner.invoke(args=["content", "import", *map(str, (*STARTER.rubrics, *STARTER.scenarios))]).exit_code == 0
    exported = tmp_path / "export"
    result = runner.invoke(args=["content", "export", str(exported)])
    assert result.exit_code == 0, result.output
    names = sorted(path.name for path in exported.rglob("*.yaml"))
    assert names == STARTER_FILES
    for path in exported.rglob("*.yaml"):
        original = next(root / path.name for root in (*STARTER.scenarios, *STARTER.rubrics) if (root / path.name).exists())
        assert path.read_text(encoding="utf-8") == original.read_text(encoding="utf-8-sig"), path.name
    before = _count(db)
    again = runner.invoke(args=["content", "import", str(exported)])
    assert again.exit_code == 0 and again.stdout == ""
    assert _count(db) == before
    assert runner.invoke(args=["validate", str(exported)]).exit_code == 0


def test_changed_file_reusing_a_version_is_refused_with_its_line(runner, db, tmp_path):
    """Editing a published file without raising `version` exits 1 with file:line and imports nothing."""
    starter = _starter_copy(tmp_path)
    assert runner.invoke(args=["content", "import", str(starter)]).exit_code == 0
    before = _count(db)
    changed = starter / "scenarios" / "jonotusmaksu.yaml"
    text = changed.read_text(encoding="utf-8")
    changed.write_text(_edit_time_target(text), encoding="utf-8")
    version_line = next(number for number, line in enumerate(changed.read_text().splitlines(), 1) if line.startswith("version:"))
    result = runner.invoke(args=["content", "import", str(starter)])
    assert result.exit_code == 1
    assert f"jonotusmaksu.yaml:{version_line}: version: scenario 'jonotusmaksu' version 1 is already published" in result.stdout
    assert "nothing imported" in result.stderr
    assert _count(db) == before


def _edit_time_target(text: str) -> str:
    """Change the scenario's content (a fact a hash sees) without touching `version`."""
    lines = text.splitlines(keepends=True)
    for index, line in enumerate(lines):
        if line.startswith("time_target_s:"):
            lines[index] = f"time_target_s: {int(line.split(':', 1)[1]) + 30}\n"
            return "".join(lines)
    raise AssertionError("no time_target_s to edit")


def test_raised_version_is_published_with_its_parent(runner, db, tmp_path):
    """A changed file with a higher version becomes the latest version, made from the previous one."""
    starter = _starter_copy(tmp_path)
    assert runner.invoke(args=["content", "import", str(starter)]).exit_code == 0
    changed = starter / "scenarios" / "jonotusmaksu.yaml"
    text = _edit_time_target(changed.read_text(encoding="utf-8")).replace("\nversion: 1\n", "\nversion: 2\n", 1)
    changed.write_text(text, encoding="utf-8")
    result = runner.invoke(args=["content", "import", str(changed)])
    assert result.exit_code == 0, result.output
    assert "scenario 'jonotusmaksu' v2 published" in result.stdout
    latest = {(row.kind, row.content_id): row for row in content_versions.latest_published()}
    newest = latest[("scenario", "jonotusmaksu")]
    assert newest.version == 2 and newest.parent.version == 1


def test_sync_starter_never_replaces_a_newer_published_version(runner, db, tmp_path):
    """After v2 is published, syncing the starter's v1 keeps v2 as the version in use."""
    starter = _starter_copy(tmp_path)
    changed = starter / "scenarios" / "jonotusmaksu.yaml"
    changed.write_text(_edit_time_target(changed.read_text(encoding="utf-8")).replace("\nversion: 1\n", "\nversion: 2\n", 1), encoding="utf-8")
    assert runner.invoke(args=["content", "import", str(starter / "rubrics"), str(changed)]).exit_code == 0
    result = runner.invoke(args=["content", "sync-starter"])
    assert result.exit_code == 0, result.output
    assert "scenario 'jonotusmaksu' v1 stored; v2 stays the one in use" in result.stdout
    library = content_versions.library_from_database()
    assert library.scenario("jonotusmaksu").version == 2


def test_scenario_may_name_a_rubric_that_is_only_in_the_database(runner, db, tmp_path):
    """A scenario imported alone validates against the rubrics already published."""
    starter = _starter_copy(tmp_path)
    assert runner.invoke(args=["content", "import", str(starter / "rubrics")]).exit_code == 0
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy(starter / "scenarios" / "jonotusmaksu.yaml", alone / "jonotusmaksu.yaml")
    result = runner.invoke(args=["content", "import", str(alone)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("args", [["content", "import"], ["content", "import", "/no/such/file.yaml"]])
def test_import_misuse_exits_2_with_one_line(runner, db, args):
    """No path, or a missing path, is one line on stderr and exit 2."""
    result = runner.invoke(args=args)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1


def test_invalid_file_exits_1_and_imports_nothing(runner, db, tmp_path):
    """A file `kohtaamo validate` rejects is reported the same way and nothing is stored."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\nversion: 1\ncriteria: nope\n", encoding="utf-8")
    result = runner.invoke(args=["content", "import", str(bad)])
    assert result.exit_code == 1
    assert "bad.yaml:" in result.stdout
    assert _count(db) == 0


def test_export_of_snapshots_stored_before_0005_validates(runner, db, tmp_path):
    """Versions stored without their YAML text export as a dump of their body that validates."""
    from qa_app.content import load_library

    library = load_library(*STARTER)
    for rubric in library.rubrics():
        record_version("rubric", rubric)
    for scenario in library.scenarios():
        record_version("scenario", scenario)
    db.session.commit()
    exported = tmp_path / "export"
    assert runner.invoke(args=["content", "export", str(exported)]).exit_code == 0
    result = runner.invoke(args=["validate", str(exported)])
    assert result.exit_code == 0, result.output
    before = _count(db)
    assert runner.invoke(args=["content", "import", str(exported)]).exit_code == 0
    assert _count(db) == before


def test_export_with_nothing_published_exits_1(runner, db, tmp_path):
    """Exporting an empty database says so instead of writing an empty folder silently."""
    result = runner.invoke(args=["content", "export", str(tmp_path / "out")])
    assert result.exit_code == 1 and "nothing published" in result.stderr


def test_demo_publishes_the_starter_library(runner, db):
    """`kohtaamo demo` publishes every starter file before it assigns scenarios from them."""
    result = runner.invoke(args=["demo", "--conversations", "0"])
    assert result.exit_code == 0, result.output
    published = {
        (row.kind, row.content_id) for row in content_versions.latest_published() if row.source_yaml
    }
    assert len(published) == len(STARTER_FILES)


def test_content_list_shows_the_published_versions_and_names_open_drafts(runner, db, make_user):
    """`content list` prints what the app grades with, newest published version, and open drafts."""
    from qa_app.services.authoring import drafts

    runner.invoke(args=["content", "sync-starter"])
    trainer = make_user("trainer")
    draft = drafts.start_draft("scenario", "jonotusmaksu", trainer)
    drafts.save_draft(draft, {**drafts.data(draft), "time_target_s": 75})
    drafts.publish_draft(draft, trainer, "More time")
    other = drafts.start_draft("scenario", "sarcastic-refund", trainer)
    db.session.commit()
    result = runner.invoke(args=["content", "list"])
    assert result.exit_code == 0, result.output
    header, *rows = result.stdout.splitlines()
    assert header.split() == ["ID", "VERSION", "LANG", "CHANNEL", "TITLE"]
    by_id = {row.split()[0]: row.split()[1:4] for row in rows}
    assert by_id["jonotusmaksu"] == [str(draft.version), "fi", "chat"]
    assert len(rows) == len(list(STARTER.scenarios[0].glob("*.yaml")))
    assert result.stderr == f"1 open draft: scenario sarcastic-refund v{other.version}\n"

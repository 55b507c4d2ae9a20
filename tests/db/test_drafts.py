"""Drafts: start from the published version, save even when invalid, check, publish once, discard."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa_app.models import Attempt, ContentVersion
from qa_app.services import content_store, content_versions
from qa_app.services.authoring import drafts
from qa_app.services.content_store import PublishedVersionFrozen

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = "vaara-alennuslupaus"


def test_a_draft_starts_from_the_latest_published_version_with_the_next_number(published, trainer):
    """A draft copies the published content and takes the next version number."""
    parent = drafts.latest_published("scenario", SCENARIO)
    draft = drafts.start_draft("scenario", SCENARIO, trainer)
    assert draft.is_draft and draft.parent_id == parent.id
    assert draft.version == parent.version + 1
    assert drafts.data(draft)["key_points"] == drafts.data(parent)["key_points"]
    assert drafts.start_draft("scenario", SCENARIO, trainer).id == draft.id  # one draft at a time


def test_an_invalid_draft_is_saved_with_its_problem_placed_on_the_field(published, trainer, db):
    """A branch to a missing turn is kept in the draft and named by field and line."""
    draft = drafts.start_draft("scenario", SCENARIO, trainer)
    content = drafts.data(draft)
    content["turns"][0]["next"][0]["goto"] = "nowhere"
    check = drafts.save_draft(draft, content)
    db.session.commit()
    assert not check.ok
    [problem] = check.for_field("turns[0].next[0].goto")
    assert "unknown turn 'nowhere'" in problem.message and problem.line > 1
    assert drafts.data(db.session.get(ContentVersion, draft.id))["turns"][0]["next"][0]["goto"] == "nowhere"
    assert check.unplaced(["turns"]) == []


def test_an_edit_cannot_rename_the_draft_or_change_its_number(published, trainer):
    """The id and version name the row, so a save keeps them whatever the content says."""
    draft = drafts.start_draft("scenario", SCENARIO, trainer)
    drafts.save_draft(draft, {**drafts.data(draft), "id": "other", "version": 99})
    assert (drafts.data(draft)["id"], drafts.data(draft)["version"]) == (SCENARIO, draft.version)


def test_an_invalid_draft_cannot_be_published(published, trainer):
    """Publishing checks with the validate rules and refuses with the problems."""
    draft = drafts.start_draft("scenario", SCENARIO, trainer)
    content = drafts.data(draft)
    del content["opening"]
    drafts.save_draft(draft, content)
    with pytest.raises(drafts.DraftInvalid, match="'opening' is required"):
        drafts.publish_draft(draft, trainer, "no opening")
    assert draft.is_draft


def test_publishing_needs_a_note(published, trainer):
    draft = drafts.start_draft("scenario", SCENARIO, trainer)
    with pytest.raises(drafts.DraftError, match="note"):
        drafts.publish_draft(draft, trainer, "  ")


def test_a_published_draft_is_frozen_and_graded_with_while_old_attempts_keep_theirs(
    app, published, trainer, make_user, db
):
    """After publishing, the library serves the new version; the old row and its attempt stay."""
    old = drafts.latest_published("scenario", SCENARIO)
    rubric = drafts.latest_published("rubric", "chat-reply")
    learner = make_user("learner")
    attempt = Attempt(user=learner, scenario_version=old, rubric_version=rubric, ui_lang="fi")
    db.session.add(attempt)
    draft = drafts.start_draft("scenario", SCENARIO, trainer)
    drafts.save_draft(draft, {**drafts.data(draft), "time_target_s": 90})
    drafts.publish_draft(draft, trainer, "A slower time target")
    db.session.commit()
    assert draft.is_published and draft.published_by_id == trainer.id and draft.note
    assert content_store.refresh_library().scenario(SCENARIO).version == draft.version
    assert db.session.get(Attempt, attempt.id).scenario_version_id == old.id
    draft.note = "changed afterwards"
    with pytest.raises(PublishedVersionFrozen):
        db.session.flush()
    db.session.rollback()
    with pytest.raises(drafts.DraftError, match="is published"):
        drafts.save_draft(db.session.get(ContentVersion, draft.id), {})


def test_a_new_scenario_starts_at_version_one_and_its_id_must_be_free(published, trainer):
    """A brand-new draft may be incomplete; an id in use is refused."""
    draft = drafts.new_draft("scenario", {"id": "uusi-tilanne", "language": "fi"}, trainer)
    assert draft.version == 1 and draft.parent_id is None
    assert {problem.field for problem in drafts.check_draft(draft).problems} >= {"opening", "title"}
    with pytest.raises(drafts.ContentIdTaken):
        drafts.new_draft("scenario", {"id": SCENARIO}, trainer)
    with pytest.raises(drafts.ContentIdTaken):
        drafts.new_draft("scenario", {"id": "only-a-file"}, trainer, frozenset({"only-a-file"}))


def test_a_draft_blocks_importing_a_file_with_its_number(published, trainer, tmp_path, db):
    """A file that reuses an open draft's version number is refused and names the draft."""
    draft = drafts.start_draft("scenario", SCENARIO, trainer)
    db.session.commit()
    source = (ROOT / "scenarios" / f"{SCENARIO}.yaml").read_text(encoding="utf-8")
    changed = source.replace("version: 1", f"version: {draft.version}", 1)
    path = tmp_path / f"{SCENARIO}.yaml"
    path.write_text(changed, encoding="utf-8")
    with pytest.raises(content_versions.ContentImportError, match="is a draft in the app"):
        content_versions.import_paths([path])


def test_discarding_a_draft_leaves_the_published_versions(published, trainer, db):
    draft = drafts.start_draft("scenario", SCENARIO, trainer)
    drafts.discard_draft(draft)
    db.session.commit()
    assert drafts.current_draft("scenario", SCENARIO) is None
    assert drafts.latest_published("scenario", SCENARIO) is not None
    with pytest.raises(drafts.DraftError):
        drafts.discard_draft(drafts.latest_published("scenario", SCENARIO))


def test_yaml_edits_are_checked_and_text_that_is_not_a_mapping_is_kept(published, trainer):
    """Editing as YAML keeps even broken text so nothing typed is lost, and reports it."""
    draft = drafts.start_draft("rubric", "chat-reply", trainer)
    check = drafts.save_draft_yaml(draft, "criteria: [unclosed")
    assert not check.ok and draft.source_yaml == "criteria: [unclosed"
    good = drafts.yaml_dump({**drafts.data(draft), "na_policy": "reweight"})
    assert drafts.save_draft_yaml(draft, good).ok


def test_a_draft_keeps_the_order_the_file_wrote_its_fields_in(published, trainer):
    """A trainer's draft reads like the file it came from, not alphabetically."""
    draft = drafts.start_draft("scenario", SCENARIO, trainer)
    assert list(drafts.data(draft))[:4] == ["id", "version", "language", "channel"]
    assert draft.source_yaml.startswith("id: vaara-alennuslupaus\nversion: 2\nlanguage: fi\n")


def test_a_yaml_edit_without_the_id_or_version_lines_gets_them_back(published, trainer):
    """The id and version name the draft, so YAML that drops or changes them is written back whole."""
    draft = drafts.start_draft("rubric", "chat-reply", trainer)
    content = {key: value for key, value in drafts.data(draft).items() if key not in ("id", "version")}
    assert drafts.save_draft_yaml(draft, drafts.yaml_dump(content)).ok
    assert draft.source_yaml.startswith(f"id: chat-reply\nversion: {draft.version}\n")
    kept = "# a comment the trainer wrote\n" + drafts.yaml_dump(drafts.data(draft))
    drafts.save_draft_yaml(draft, kept)
    assert draft.source_yaml == kept

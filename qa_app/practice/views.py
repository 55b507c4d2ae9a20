"""Practice views: thin wrappers that check permission, call a service and render or redirect."""

from __future__ import annotations

import secrets

from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..content import ContentError, UnknownContentError
from ..extensions import db
from ..models import Attempt
from ..services import debrief as debrief_service
from ..services import practice, progress
from . import bp
from .forms import CatalogueFilterForm, ReplyForm, StartAttemptForm


def _locale() -> str:
    return str(get_locale())


def _is_htmx() -> bool:
    return request.headers.get("HX-Request") == "true"


def _load_attempt(attempt_id: int) -> Attempt:
    """Load an attempt or 404; 403 unless the current user may at least view it."""
    attempt = db.session.get(Attempt, attempt_id)
    if attempt is None:
        abort(404)
    if not attempt.can_view(current_user):
        abort(403)
    return attempt


def _to_debrief(attempt: Attempt):
    """Go to the debrief; htmx gets HX-Redirect so the whole page changes, not a region."""
    target = url_for("practice.debrief", attempt_id=attempt.id)
    if _is_htmx():
        return "", 200, {"HX-Redirect": target}
    return redirect(target, code=303)


@bp.route("/")
@login_required
def catalogue():
    """List the scenarios the learner may practise, assigned ones first."""
    filters = CatalogueFilterForm(formdata=request.args)
    cards = progress.catalogue(current_user, filters.selected(), _locale())
    return render_template(
        "practice/catalogue.html",
        cards=cards,
        filters=filters,
        start_form=StartAttemptForm(),
        filtered=bool(filters.selected()),
    )


@bp.route("/start/<scenario_id>", methods=["POST"])
@login_required
def start(scenario_id: str):
    """Start a new attempt at a scenario (also the debrief's Retry button); ask first if one is open."""
    form = StartAttemptForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        attempt = practice.start_attempt(
            current_user, scenario_id, _locale(), leaving=form.attempt_to_leave()
        )
    except UnknownContentError:
        abort(404)
    except practice.AttemptOpen:
        return redirect(url_for("practice.confirm_start", scenario_id=scenario_id), code=303)
    except ContentError:  # e.g. edited without a new version number: say so instead of failing
        current_app.logger.exception("Could not start scenario %s", scenario_id)
        flash(_("This scenario cannot be started right now. Please tell your trainer."), "error")
        return redirect(url_for("practice.catalogue"), code=303)
    return redirect(url_for("practice.attempt", attempt_id=attempt.id), code=303)


@bp.route("/start/<scenario_id>", methods=["GET"])
@login_required
def confirm_start(scenario_id: str):
    """Ask what to do with the open attempt at a scenario: continue it, or leave it and start anew."""
    open_attempt = practice.open_attempt(current_user, scenario_id)
    if open_attempt is None:  # e.g. finished in another tab since: nothing to ask
        return redirect(url_for("practice.catalogue", _anchor=f"scenario-{scenario_id}"))
    form = StartAttemptForm(leaving=str(open_attempt.id))
    return render_template(
        "practice/confirm_start.html",
        open_attempt=open_attempt,
        title=progress.scenario_title(open_attempt, _locale()),
        form=form,
    )


@bp.route("/attempt/<int:attempt_id>", methods=["GET", "POST"])
@login_required
def attempt(attempt_id: int):
    """Show the open turn of a practice session and take the learner's reply."""
    record = _load_attempt(attempt_id)
    if request.method == "POST" and record.is_learner(current_user):
        return _submit(record, ReplyForm())
    if record.is_finished:  # e.g. a bookmark of a session that has ended since
        return _to_debrief(record)
    if not record.can_play(current_user):
        abort(403)
    form = ReplyForm()
    _restore_pending_reply(form)
    form.submission_key.data = secrets.token_urlsafe(24)
    return _render_attempt(record, form)


def _submit(record: Attempt, form: ReplyForm):
    """Store a reply; whatever goes wrong, the learner's text stays on the page."""
    if not form.validate_on_submit():
        if record.is_finished:  # nothing typed to keep, and nothing left to answer
            return _to_debrief(record)
        notice = None
        if form.submission_key.errors or form.answers_reply.errors:  # hidden fields: not the learner's doing
            form.submission_key.data = secrets.token_urlsafe(24)
            notice = _("This form could not be read. Your text is kept below; send it again.")
        # htmx swaps only 2xx responses, so it gets 200; a plain form post gets 422.
        return _render_attempt(record, form, status=200 if _is_htmx() else 422, notice=notice)
    try:
        outcome = practice.submit_reply(
            record,
            form.reply.data,
            form.submission_key.data,
            answers_reply=form.replies_seen(),
        )
    except practice.AttemptFinished:
        return _render_unsent(record, form.reply.data)
    except practice.StaleReply:
        form.submission_key.data = secrets.token_urlsafe(24)  # the old key may belong to a turn
        notice = _(
            "The customer wrote again before your reply was sent. Your text is kept below: "
            "read the new message, adjust the reply if needed and send it."
        )
        return _render_attempt(record, form, status=200 if _is_htmx() else 409, notice=notice)
    except practice.ReplyNotGraded:
        current_app.logger.exception("Grading a practice reply failed")
        form.reply.errors = [
            _("Your reply could not be graded just now. It is kept here; try sending it again.")
        ]
        return _render_attempt(record, form, status=200 if _is_htmx() else 503)
    if outcome.finished:
        return _to_debrief(outcome.attempt)
    return redirect(url_for("practice.attempt", attempt_id=record.id), code=303)


def _restore_pending_reply(form: ReplyForm) -> None:
    """Pre-fill a reply kept over a log-in or a language switch (security.keep_reply), then forget it."""
    pending = session.get("pending_reply")
    if isinstance(pending, dict) and pending.get("path") == request.path:
        form.reply.data = pending.get("text", "")
        session.pop("pending_reply", None)
        if pending.get("reason") != "language":  # the draft simply stays where it was typed
            flash(_("We kept the reply you wrote before logging in. Check it and send it."), "info")


def _render_attempt(
    record: Attempt, form: ReplyForm, status: int = 200, notice: str | None = None
):
    view = practice.current_view(record)
    form.answers_reply.data = str(len(record.turns))  # the form answers the message shown now
    page = render_template("practice/attempt.html", view=view, form=form, notice=notice)
    return page, status


def _render_unsent(record: Attempt, text: str):
    """The session ended before this reply arrived (e.g. in another tab): show the text to keep."""
    page = render_template("practice/unsent.html", attempt=record, text=text)
    return page, 200 if _is_htmx() else 409


@bp.route("/attempt/<int:attempt_id>/debrief")
@login_required
def debrief(attempt_id: int):
    """Explain every graded reply of an attempt, from the stored grades."""
    record = _load_attempt(attempt_id)
    if not record.is_finished and record.can_play(current_user):
        return redirect(url_for("practice.attempt", attempt_id=record.id))
    data = debrief_service.build_debrief(record, _locale())
    return render_template("practice/debrief.html", debrief=data, retry_form=StartAttemptForm())


@bp.route("/progress")
@login_required
def progress_page():
    """Show the learner's scores over time and their best result per scenario."""
    return render_template(
        "practice/progress.html", progress=progress.progress(current_user, _locale())
    )


@bp.context_processor
def _labels() -> dict:
    """Give practice templates the localised names of languages, channels, moods and outcomes."""
    return {
        "labels": {
            "language": progress.LANGUAGE_LABELS,
            "channel": progress.CHANNEL_LABELS,
            "difficulty": progress.DIFFICULTY_LABELS,
            "mood": progress.MOOD_LABELS,
            "outcome": progress.OUTCOME_LABELS,
            "severity": progress.SEVERITY_LABELS,
        }
    }

"""Calibration pages: sessions, the create form, blind scoring, results, agreeing the final scores.

Thin views over services.calibration, which checks every permission (CalibrationNotFound → 404
for people outside the session); the role check (supervisors and admins, else 403) is here.
"""

from __future__ import annotations

import secrets
import statistics

from flask import Response, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import format_decimal, to_utc
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from ..extensions import db
from ..models import Role
from ..review.forms import REVIEW_ERROR_MESSAGES, ActionForm, na_field, score_field, scorecard_form
from ..review.review_views import (
    FORM_ONLY,
    display_labels,
    form_field_keys,
    scorecard_entries,
    ui_lang,
)
from ..security import role_required
from ..services import audit
from ..services import calibration as service
from ..services import review as review_service
from ..services.review.transcript import transcript
from . import bp
from .forms import CALIBRATION_ERROR_MESSAGES, SOURCE_LABELS, SessionForm

MESSAGES = {**REVIEW_ERROR_MESSAGES, **CALIBRATION_ERROR_MESSAGES}


@bp.app_template_filter("agreement")
def agreement_figure(value: float | None, pattern: str = "0.000") -> str:
    """An agreement figure in the reader's locale (0,812 in Finnish); a dash when there is none."""
    return "–" if value is None else format_decimal(value, pattern)


@bp.app_template_filter("signed_points")
def signed_points(value: float | None) -> str:
    """A difference in points with its sign (+3,5 / -2,0); a dash when there is none."""
    return "–" if value is None else format_decimal(value, "+0.0;-0.0")


def _put_errors(form, errors: dict[str, str]) -> None:
    """Put a service's field error codes on the form's fields (unknown keys go to the first field)."""
    for key, code in form_field_keys(errors).items():
        target = form[key] if key in form else next(iter(form))
        target.errors = [*target.errors, MESSAGES.get(code, code)]


def _spec(session):
    return service.blind_spec(service.session_rubric(session).spec_in(ui_lang()))


def _posted() -> dict[str, str]:
    return {key: value for key, value in request.form.items() if key not in FORM_ONLY}


# ------------------------------------------------------------------ sessions


@bp.route("/")
@role_required(Role.SUPERVISOR)
def sessions():
    """The user's sessions (owned or scoring in) and the agreement trend of the closed ones."""
    mine = service.sessions_for(current_user)
    trend = service.agreement_trend(current_user, mine)
    chart = {"labels": [p.session.title for p in trend], "overall": [p.alpha for p in trend],
             "criteria": [p.median_criterion_alpha for p in trend],
             "names": {"overall": _("Overall alpha"), "criteria": _("Median criterion alpha")}}
    return render_template("calibration/sessions.html", sessions=mine, trend=trend, chart=chart)


def _session_form(**kwargs) -> SessionForm:
    form = SessionForm(**kwargs)
    form.conversations.choices = [
        (item.conversation.id, f"{item.conversation.external_id} · {item.conversation.subject or ''}".rstrip(" ·"))
        for item in review_service.queue_for(current_user)]
    form.rule.choices = [("", _("Choose a rule"))] + [(str(r.id), r.name) for r in review_service.rules_for(current_user)]
    people = service.participants_allowed(current_user)
    form.participants.choices = [(u.id, f"{u.name} ({u.email})") for u in people]
    form.benchmark.choices = [("", _("No benchmark: compare each rater with the others"))] + [
        (str(u.id), u.name) for u in people]
    return form


@bp.route("/new", methods=["GET", "POST"])
@role_required(Role.SUPERVISOR)
def new_session():
    """Create a session: conversations from the queue or a sample, participants, optional benchmark."""
    form = _session_form()
    if request.method == "GET":
        form.participants.data = [current_user.id]
    status = 200
    if form.validate_on_submit():
        data = service.SessionInput(
            title=form.title.data or "", participant_ids=tuple(form.participants.data or ()),
            source=form.source.data, conversation_ids=tuple(form.conversations.data or ()),
            rule_id=int(form.rule.data) if form.rule.data else None, count=form.count.data or 10,
            deadline=to_utc(form.deadline.data) if form.deadline.data else None,
            benchmark_id=int(form.benchmark.data) if form.benchmark.data else None,
            anonymise=bool(form.anonymise.data), seed=secrets.randbelow(2**31))
        try:
            made = service.create_session(current_user, data)
        except service.CalibrationInputError as error:
            _put_errors(form, error.errors)
            status = 400
        else:
            flash(_("Session “%(title)s” created with %(n)d conversations.", title=made.title, n=len(made.items)), "success")
            return redirect(url_for("calibration.session", session_id=made.id), 303)
    elif form.is_submitted():
        status = 400
    return render_template("calibration/new.html", form=form, source_labels=SOURCE_LABELS), status


@bp.route("/<int:session_id>")
@role_required(Role.SUPERVISOR)
def session(session_id: int):
    """The session's conversations with the user's progress, everyone's counts, and what comes next."""
    found = service.load_session(session_id, current_user)
    return render_template("calibration/session.html", session=found, action_form=ActionForm(),
                           progress=service.progress(found),
                           next_item=service.next_item(found, current_user), labels=display_labels())


@bp.route("/<int:session_id>/close", methods=["POST"])
@role_required(Role.SUPERVISOR)
def close(session_id: int):
    """The owner closes scoring: every submitted score is revealed; drafts are dropped."""
    found = service.load_session(session_id, current_user)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        service.close_session(found, current_user)
    except service.CalibrationStateError:
        flash(_("The session is closed already."), "error")
    else:
        flash(_("Session closed: the scores are revealed."), "success")
    return redirect(url_for("calibration.results", session_id=found.id), 303)


# ------------------------------------------------------------------ blind scoring


def _render_score(found, item, form, score, status: int = 200):
    lang = ui_lang()
    form.comment.label.text = _("Your notes for the discussion (optional)")
    return render_template(
        "calibration/score.html", session=found, item=item, conversation=item.conversation, form=form,
        spec=_spec(found), score=score, messages=transcript(item.conversation, None, lang), labels=display_labels(),
        position=found.items.index(item) + 1, next_item=service.next_item(found, current_user),
    ), status


@bp.route("/<int:session_id>/items/<int:item_id>", methods=["GET", "POST"])
@role_required(Role.SUPERVISOR)
def score(session_id: int, item_id: int):
    """The transcript without AutoQA's marks or anyone's scores, and the scorecard beside it."""
    found = service.load_session(session_id, current_user)
    item = service.load_item(found, item_id)
    if not found.is_participant(current_user):
        abort(404)
    mine = item.score_of(current_user)
    spec = _spec(found)
    if request.method == "GET" or mine is not None and mine.submitted or not found.is_open:
        form = scorecard_form(spec.criteria, formdata=MultiDict(_initial(mine)))
        return _render_score(found, item, form, mine)
    form = scorecard_form(spec.criteria)
    if form.save_draft.data:
        service.save_draft(found, item, current_user, _posted())
        flash(_("Draft saved. It is kept until you submit your scores."), "success")
        return redirect(url_for("calibration.score", session_id=found.id, item_id=item.id), 303)
    if form.validate_on_submit():
        auto_fail = (form.auto_fail_reason.data or "") if form.auto_fail.data else None
        try:
            service.submit_score(found, item, current_user, scorecard_entries(form, spec), form.comment.data, auto_fail)
        except review_service.ReviewInputError as error:
            _put_errors(form, error.errors)
        else:
            following = service.next_item(found, current_user)
            if following is None:
                flash(_("All your scores are in. You can now compare them with the others' scores."), "success")
                return redirect(url_for("calibration.results", session_id=found.id), 303)
            flash(_("Scores saved. Next conversation:"), "success")
            return redirect(url_for("calibration.score", session_id=found.id, item_id=following.id), 303)
    elif "csrf_token" in form.errors:
        abort(400)
    mine = service.save_draft(found, item, current_user, _posted())  # what was typed is kept
    return _render_score(found, item, form, mine, 400)


def _initial(score) -> dict[str, str]:
    """The submitted scores (read-only view), else the draft, else empty: nothing pre-filled."""
    if score is None:
        return {}
    if not score.submitted:
        return service.draft_data(score)
    data: dict[str, str] = {}
    for cid, entry in score.scores.items():
        data[score_field(cid)] = "" if entry.get("score") is None else f"{entry['score']:g}"
        if entry.get("na"):
            data[na_field(cid)] = "y"
    if score.auto_fail:
        data["auto_fail"], data["auto_fail_reason"] = "y", score.auto_fail_reason or ""
    data["comment"] = score.comment or ""
    return data


@bp.route("/<int:session_id>/items/<int:item_id>/draft", methods=["POST"])
@role_required(Role.SUPERVISOR)
def draft(session_id: int, item_id: int):
    """Keep the half-filled scorecard (posted by static/js/review.js after each change)."""
    found = service.load_session(session_id, current_user)
    item = service.load_item(found, item_id)
    try:
        saved = service.save_draft(found, item, current_user, _posted())
    except service.CalibrationStateError:
        return jsonify(saved=False, reason="closed_or_submitted"), 409
    return jsonify(saved=True, saved_at=saved.updated_at.isoformat() + "Z")


# ------------------------------------------------------------------ results


@bp.route("/<int:session_id>/results")
@role_required(Role.SUPERVISOR)
def results(session_id: int):
    """Spreads, agreement with plain readings, bias, AutoQA as a rater; 404 until the viewer may see."""
    found = service.load_session(session_id, current_user)
    if not found.can_see_scores(current_user):
        flash(_("The scores are revealed when you have scored every conversation, or when the session is closed."), "info")
        return redirect(url_for("calibration.session", session_id=found.id), 303)
    figures = service.results_for(found, current_user, ui_lang())
    return render_template("calibration/results.html", session=found, results=figures, labels=display_labels(),
                           action_form=ActionForm(), chart=_chart(figures))


def _chart(figures) -> dict:
    """Data for static/js/calibration.js: alpha per criterion, people and AutoQA with the people."""
    auto = {a.criterion_id: a.with_consensus for a in figures.autoqa}
    return {
        "labels": [c.title for c in figures.criteria],
        "people": [f.alpha for f in figures.figures],
        "autoqa": [auto.get(c.id) for c in figures.criteria],
        "names": {"people": _("People with each other"), "autoqa": _("AutoQA with the people's mean")},
    }


@bp.route("/<int:session_id>/export.csv")
@role_required(Role.SUPERVISOR)
def export(session_id: int):
    """The scores in the long format `item, rater, criterion, score` (kohtaamo agreement reads it)."""
    found = service.load_session(session_id, current_user)
    body = service.export_csv(found, current_user)
    audit.record("export.calibration", current_user, object_type="calibration_session", object_id=found.id)
    db.session.commit()
    return Response(body, mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="calibration-{found.id}.csv"'})


@bp.route("/<int:session_id>/items/<int:item_id>/agree", methods=["GET", "POST"])
@role_required(Role.SUPERVISOR)
def agree(session_id: int, item_id: int):
    """After the reveal the owner writes the discussion note and the agreed scores."""
    found = service.load_session(session_id, current_user)
    item = service.load_item(found, item_id)
    if not found.can_agree(current_user):
        abort(404)
    spec = _spec(found)
    figures = service.results_for(found, current_user, ui_lang(), bootstrap=False)
    result = next(r for r in figures.items if r.item.id == item.id)
    if request.method == "GET":
        form = scorecard_form(spec.criteria, formdata=MultiDict(_agreed(item, result)))
        return _render_agree(found, item, result, figures, form)
    form = scorecard_form(spec.criteria)
    if form.validate_on_submit():
        entries = scorecard_entries(form, spec)
        given = any(e.score is not None or e.na for e in entries.values())
        auto_fail = (form.auto_fail_reason.data or "") if form.auto_fail.data else None
        try:
            service.save_agreement(found, item, current_user, form.comment.data, entries if given else None, auto_fail)
        except review_service.ReviewInputError as error:
            _put_errors(form, error.errors)
        else:
            flash(_("Agreement saved.") if given else _("Discussion note saved."), "success")
            return redirect(url_for("calibration.results", session_id=found.id, _anchor=f"item-{item.id}"), 303)
    elif "csrf_token" in form.errors:
        abort(400)
    return _render_agree(found, item, result, figures, form, 400)


def _render_agree(found, item, result, figures, form, status: int = 200):
    form.comment.label.text = _("Discussion note: what you agreed, e.g. what “Partly” means here")
    return render_template("calibration/agree.html", session=found, item=item, result=result, results=figures,
                           form=form, spec=_spec(found), labels=display_labels(), action_form=ActionForm(),
                           messages=transcript(item.conversation, None, ui_lang())), status


def _agreed(item, result) -> dict[str, str]:
    """The agreed scores when saved, else the people's median as a starting point."""
    data: dict[str, str] = {"comment": item.note or ""}
    if item.final_scores is not None:
        for cid, entry in item.final_scores.items():
            data[score_field(cid)] = "" if entry.get("score") is None else f"{entry['score']:g}"
            if entry.get("na"):
                data[na_field(cid)] = "y"
        return data
    for spread in result.spreads:
        values = [g.score for g in spread.scores if g.score is not None]
        if values:
            data[score_field(spread.criterion_id)] = f"{round(statistics.median(values)):g}"
        elif spread.n_na:
            data[na_field(spread.criterion_id)] = "y"
    return data


@bp.route("/<int:session_id>/items/<int:item_id>/review", methods=["POST"])
@role_required(Role.SUPERVISOR)
def make_review(session_id: int, item_id: int):
    """Make the agreed scores the conversation's review (a new revision if the owner reviewed it)."""
    found = service.load_session(session_id, current_user)
    item = service.load_item(found, item_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        review = service.make_review(found, item, current_user, reason=_(
            "Agreed in calibration session “%(title)s”.", title=found.title))
    except service.CalibrationInputError as error:
        flash(" ".join(str(MESSAGES.get(code, code)) for code in error.errors.values()), "error")
    except review_service.ReviewStateError as error:
        flash(_("You handled this conversation, so another supervisor reviews it.")
              if "handled" in str(error) else _("Agree the final scores first."), "error")
    except review_service.ReviewInputError as error:
        flash(" ".join(str(MESSAGES.get(code, code)) for code in error.errors.values()), "error")
    else:
        flash(_("The agreed scores are now the conversation's review."), "success")
        return redirect(url_for("review.review_detail", review_id=review.id), 303)
    return redirect(url_for("calibration.agree", session_id=found.id, item_id=item.id), 303)

"""Reviewing pages: the queue and its rules, the review page, review details, disputes, my reviews.

Views parse forms, ask the services (which check permissions and raise ReviewNotFound → 404) and
render; the services hold every rule.
"""

from __future__ import annotations

import re
from dataclasses import replace

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import format_decimal, get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup, escape
from werkzeug.datastructures import MultiDict

from ..grading.specs import CHANNELS
from ..models import DISPUTE_STATUSES, Role, Team, is_agent_of
from ..security import role_required
from ..services import review as service
from ..services.progress import CHANNEL_LABELS, SEVERITY_LABELS
from ..services.review.access import is_linked_agent
from ..services.review.scorecards import criterion_titles, fired_rules_of, reviews_of_conversation
from ..services.review.transcript import transcript
from . import bp
from .forms import (
    REVIEW_ERROR_MESSAGES,
    SAMPLING_KIND_LABELS,
    ActionForm,
    DisputeForm,
    ResolveDisputeForm,
    SamplingRuleForm,
    na_field,
    override_field,
    parse_score,
    score_field,
    scorecard_form,
)

PLACEHOLDER = re.compile(r"\[(HETU|IBAN|CARD|PHONE|EMAIL)\]")
FORM_ONLY = {"csrf_token", "submit", "save_draft"}


def ui_lang() -> str:
    return str(get_locale() or "fi")


@bp.app_template_filter("redacted")
def redacted(text: str | None) -> Markup:
    """Escape text and make redaction placeholders such as [HETU] stand out, with their meaning."""
    labels = _placeholder_labels()

    def mark(match: re.Match) -> str:
        kind = match.group(1)
        return (f'<span class="redacted" title="{escape(labels[kind])}">[{kind}]'
                f'<span class="visually-hidden"> ({escape(labels[kind])})</span></span>')

    return Markup(PLACEHOLDER.sub(mark, str(escape(text or ""))))


def _placeholder_labels() -> dict[str, str]:
    return {
        "HETU": _("personal identity code removed"), "IBAN": _("bank account number removed"),
        "CARD": _("payment card number removed"), "PHONE": _("phone number removed"),
        "EMAIL": _("email address removed"),
    }


@bp.app_context_processor
def _review_nav() -> dict:
    """Tell base.html whether to show "My reviews" (the user is linked to an agent record)."""
    def shows_my_reviews() -> bool:
        return bool(current_user.is_authenticated and is_linked_agent(current_user))
    return {"shows_my_reviews": shows_my_reviews}


def display_labels() -> dict:
    return {
        "channel": CHANNEL_LABELS, "severity": SEVERITY_LABELS, "kind": SAMPLING_KIND_LABELS,
        "author": {"customer": _("Customer"), "agent": _("Agent"), "bot": _("Bot"), "system": _("System")},
        "status": {"open": _("Open"), "accepted": _("Accepted"), "rejected": _("Rejected")},
    }


def _field_errors(form, errors: dict[str, str], mapping: dict[str, str] | None = None) -> None:
    """Put a service's field error codes on the form's fields (unknown keys go to the first field)."""
    for key, code in errors.items():
        name = (mapping or {}).get(key, key)
        target = form[name] if name in form else next(iter(form))
        target.errors = [*target.errors, REVIEW_ERROR_MESSAGES.get(code, code)]


# ------------------------------------------------------------------ queue and rules


@bp.route("/queue")
@role_required(Role.SUPERVISOR)
def queue():
    """The reviewer's open assignments with AutoQA scores, and done/remaining counts per rule."""
    return render_template("review/queue.html", items=service.queue_for(current_user),
                           counts=service.queue_counts(current_user), rules=service.rules_for(current_user),
                           apply_form=ActionForm(), labels=display_labels())


@bp.route("/queue/apply", methods=["POST"])
@role_required(Role.SUPERVISOR)
def apply_rules():
    """Apply the user's active rules now; say how many conversations joined the queues."""
    if not ActionForm().validate_on_submit():
        abort(400)
    report = service.apply_rules(current_user)
    flash(_("%(num)d conversations added to review queues.", num=report.total), "success")
    return redirect(url_for("review.queue"), 303)


def _rule_form(**kwargs) -> SamplingRuleForm:
    form = SamplingRuleForm(**kwargs)
    form.channel.choices = [("", _("All channels"))] + [(c, CHANNEL_LABELS[c]) for c in CHANNELS]
    form.reviewer.choices = [("", _("Me (the rule's creator)"))] + [
        (str(u.id), f"{u.name} ({u.email})") for u in service.reviewers_for(current_user)]
    if current_user.role == Role.ADMIN:
        from sqlalchemy import select

        from ..extensions import db
        teams = db.session.scalars(select(Team).order_by(Team.name))
        form.team.choices = [("", _("All teams"))] + [(str(t.id), t.name) for t in teams]
    else:
        form.team.choices = [("", current_user.team.name if current_user.team else _("No team"))]
        form.team.render_kw = {"disabled": True}
    return form


@bp.route("/rules", methods=["GET", "POST"])
@role_required(Role.SUPERVISOR)
def sampling_rules():
    """Supervisors see and add the sampling rules of their team; admins every team's."""
    form = _rule_form()
    status = 200
    if form.validate_on_submit():
        data = service.RuleInput(
            name=form.name.data or "", kind=form.kind.data,
            share=form.share_percent.data / 100 if form.share_percent.data is not None else None,
            count=form.count.data, channel=form.channel.data or None,
            team_id=int(form.team.data) if current_user.role == Role.ADMIN and form.team.data else None,
            date_from=form.date_from.data, date_to=form.date_to.data,
            reviewer_id=int(form.reviewer.data) if form.reviewer.data else None, seed=form.seed.data,
        )
        try:
            rule = service.create_rule(current_user, data)
        except service.ReviewInputError as error:
            _field_errors(form, error.errors, {"share": "share_percent", "reviewer_id": "reviewer"})
            status = 400
        else:
            flash(_("Rule “%(name)s” added. Apply the rules to fill the queue.", name=rule.name), "success")
            return redirect(url_for("review.sampling_rules"), 303)
    elif form.is_submitted():
        status = 400
    return render_template("review/rules.html", form=form, rules=service.rules_for(current_user),
                           action_form=ActionForm(), labels=display_labels()), status


@bp.route("/rules/<int:rule_id>/active", methods=["POST"])
@role_required(Role.SUPERVISOR)
def toggle_rule(rule_id: int):
    """Pause or resume a rule."""
    if not ActionForm().validate_on_submit():
        abort(400)
    rule = service.load_rule(rule_id, current_user)
    service.set_rule_active(rule, current_user, not rule.active)
    flash(_("Rule resumed.") if rule.active else _("Rule paused."), "success")
    return redirect(url_for("review.sampling_rules"), 303)


# ------------------------------------------------------------------ the review page


def _initial_data(card, review) -> dict[str, str]:
    """Pre-fill from the reviewer's newest revision when editing, else AutoQA's scores."""
    data: dict[str, str] = {}
    if review is not None:
        revision = review.current
        for cid, entry in revision.scores.items():
            data[score_field(cid)] = "" if entry.get("score") is None else f"{entry['score']:g}"
            if entry.get("na"):
                data[na_field(cid)] = "y"
            if entry.get("override_reason"):
                data[override_field(cid)] = entry["override_reason"]
        if revision.auto_fail:
            data["auto_fail"] = "y"
            data["auto_fail_reason"] = revision.auto_fail_reason or ""
        data["comment"] = revision.comment or ""
        return data
    for cid, auto in card.auto.items():
        if auto is not None:
            data[score_field(cid)] = f"{round(auto, 1):g}"
    return data


def scorecard_entries(form, spec) -> dict[str, service.CriterionInput]:
    entries = {}
    for criterion in spec.criteria:
        na = na_field(criterion.id)
        override = override_field(criterion.id)
        entries[criterion.id] = service.CriterionInput(
            score=parse_score(form[score_field(criterion.id)].data),
            na=bool(form[na].data) if na in form else False,
            override_reason=form[override].data if override in form else None,
        )
    return entries


def _preview(form, card, spec) -> float | None:
    """The overall these scores would get, by the same scoring code as a submit (None: a score is missing).

    Reasons still to be written do not hide the preview: the submit asks for them.
    """
    try:
        entries = {cid: replace(entry, override_reason=entry.override_reason or "-")
                   for cid, entry in scorecard_entries(form, spec).items()}
        return card.score(entries, "-" if form.auto_fail.data else None).overall
    except (ValueError, service.ReviewInputError):
        return None


def _posted_data() -> dict[str, str]:
    return {key: value for key, value in request.form.items() if key not in FORM_ONLY}


def _render_conversation(conversation, card, review, form, draft, status: int = 200):
    lang = ui_lang()
    return render_template(
        "review/conversation.html", conversation=conversation, card=card, spec=card.spec(lang), form=form,
        own_conversation=is_agent_of(current_user, conversation), preview=_preview(form, card, card.spec(lang)),
        review=review, draft=draft, messages=transcript(conversation, card, lang),
        others=service.other_conversations_of_customer(conversation, current_user),
        reviews=reviews_of_conversation(conversation), labels=display_labels(),
        auto_fired=[rule.render(lang, card.spec(lang)) for rule in card.auto_fired],
    ), status


@bp.route("/conversations/<int:conversation_id>", methods=["GET", "POST"])
@login_required
def conversation(conversation_id: int):
    """The transcript with AutoQA's findings in place, and the scorecard beside it."""
    conv = service.load_conversation(conversation_id, current_user)
    review = service.review_of(conv, current_user)
    card = service.scorecard_of_review(review) if review else service.scorecard_for(conv)
    spec = card.spec(ui_lang())
    draft = service.draft_for(conv, current_user)
    if request.method == "GET":
        data = service.draft_data(draft) if _draft_is_current(draft, review) else _initial_data(card, review)
        form = scorecard_form(spec.criteria, formdata=MultiDict(data))
        return _render_conversation(conv, card, review, form, draft)
    form = scorecard_form(spec.criteria)
    if form.save_draft.data:  # CSRFProtect has checked the token; a draft is kept unchecked
        service.save_draft(conv, current_user, _posted_data(), review)
        flash(_("Draft saved. It is kept until you submit the review."), "success")
        return redirect(url_for("review.conversation", conversation_id=conv.id), 303)
    if form.validate_on_submit():
        entries = scorecard_entries(form, spec)
        auto_fail = (form.auto_fail_reason.data or "") if form.auto_fail.data else None
        try:
            if review is None:
                review = service.submit_review(conv, current_user, entries, form.comment.data, auto_fail)
                flash(_("Review submitted."), "success")
            else:
                service.revise_review(review, current_user, entries, form.reason.data or "",
                                      form.comment.data, auto_fail, base=_posted_base())
                flash(_("Review updated: version %(n)d saved.", n=review.current.number), "success")
        except service.ReviewInputError as error:
            _field_errors(form, form_field_keys(error.errors))
        except service.ReviewStateError:
            if is_agent_of(current_user, conv):
                flash(_("You handled this conversation, so another supervisor reviews it."), "error")
            elif review is not None:
                flash(_("Someone else saved this review while you were editing it. Reload the page to see "
                        "their version, then make your change again."), "error")
            else:
                flash(_("This conversation was reviewed in the meantime. Reload the page."), "error")
        else:
            return redirect(url_for("review.review_detail", review_id=review.id), 303)
    elif "csrf_token" in form.errors:
        abort(400)
    draft = service.save_draft(conv, current_user, _posted_data(), review)  # what was typed is kept
    return _render_conversation(conv, card, review, form, draft, 400)


def _posted_base() -> int | None:
    """The revision number the posted form was filled on (None: a form without it)."""
    base = request.form.get("draft_base", "")
    return int(base) if base.isdigit() else None


def _revision_number(review) -> str:
    return str(review.current.number if review else 0)


def _draft_is_current(draft, review) -> bool:
    """A draft started on an older state (e.g. saved just after a submit) never hides a newer revision."""
    return draft is not None and service.draft_data(draft).get("draft_base", "0") == _revision_number(review)


def form_field_keys(errors: dict[str, str]) -> dict[str, str]:
    """Map "<criterion>.score" style keys to the form's field names."""
    names = {"score": score_field, "na": na_field, "override_reason": override_field}
    mapped = {}
    for key, code in errors.items():
        criterion, _, part = key.rpartition(".")
        mapped[names[part](criterion) if criterion and part in names else key] = code
    return mapped


@bp.route("/conversations/<int:conversation_id>/draft", methods=["POST"])
@login_required
def save_draft(conversation_id: int):
    """Keep the half-filled scorecard (posted by static/js/review.js after each change)."""
    conv = service.load_conversation(conversation_id, current_user)
    review = service.review_of(conv, current_user)
    if request.form.get("draft_base", "0") != _revision_number(review):
        return jsonify(saved=False, reason="stale"), 409  # the review was submitted since the page loaded
    draft = service.save_draft(conv, current_user, _posted_data(), review)
    card = service.scorecard_of_review(review) if review else service.scorecard_for(conv)
    spec = card.spec(ui_lang())
    overall = _preview(scorecard_form(spec.criteria, formdata=request.form), card, spec)
    return jsonify(saved=True, saved_at=draft.updated_at.isoformat() + "Z", overall=overall,
                   overall_text=format_decimal(overall, format="#,##0.#") if overall is not None else None)


# ------------------------------------------------------------------ review details, agents, disputes


@bp.route("/reviews/<int:review_id>")
@login_required
def review_detail(review_id: int):
    """A review with every revision, its disputes, and what the agent or the supervisor can do."""
    review = service.load_review(review_id, current_user)
    return _render_detail(review)


def _render_detail(review, dispute_form=None, resolve_forms=None, status: int = 200):
    lang = ui_lang()
    card = service.scorecard_of_review(review)
    dispute_form = dispute_form or _dispute_form(review, card, lang)
    resolve_forms = resolve_forms or {}
    for dispute in review.disputes:
        if dispute.status == "open" and dispute.can_resolve(current_user) and dispute.id not in resolve_forms:
            resolve_forms[dispute.id] = _resolve_form(dispute)
    return render_template(
        "review/review_detail.html", review=review, card=card, spec=card.spec(lang), labels=display_labels(),
        messages=transcript(review.conversation, card, lang), dispute_form=dispute_form,
        resolve_forms=resolve_forms, action_form=ActionForm(),
        needs_ack=service.needs_acknowledgement(review),
        fired=[rule.render(lang, card.spec(lang)) for rule in fired_rules_of(review)],
        can_edit=review.is_reviewer(current_user),
    ), status


def _dispute_form(review, card, lang: str, **kwargs) -> DisputeForm:
    form = DisputeForm(prefix="dispute", **kwargs)
    form.criterion.choices = [(c.id, c.title) for c in card.spec(lang).criteria if c.id in review.current.scores]
    return form


def _resolve_form(dispute, **kwargs) -> ResolveDisputeForm:
    return ResolveDisputeForm(prefix=f"d{dispute.id}", **kwargs)


@bp.route("/reviews/<int:review_id>/acknowledge", methods=["POST"])
@login_required
def acknowledge_review(review_id: int):
    review = service.load_review(review_id, current_user)
    if not ActionForm().validate_on_submit():
        abort(400)
    service.acknowledge(review, current_user)
    flash(_("Thank you: the review is marked as read."), "success")
    return redirect(url_for("review.review_detail", review_id=review.id), 303)


@bp.route("/reviews/<int:review_id>/dispute", methods=["POST"])
@login_required
def dispute_review(review_id: int):
    """The agent disputes one criterion with a comment."""
    review = service.load_review(review_id, current_user)
    if not review.can_respond(current_user):
        abort(404)
    form = _dispute_form(review, service.scorecard_of_review(review), ui_lang())
    if form.validate_on_submit():
        try:
            service.raise_dispute(review, current_user, form.criterion.data, form.comment.data or "")
        except service.ReviewInputError as error:
            _field_errors(form, error.errors)
        except service.ReviewStateError as error:
            form.criterion.errors = [*form.criterion.errors, _("This criterion is already disputed and waits for a decision.")]
            del error
        else:
            flash(_("Dispute sent. Your supervisor decides on it."), "success")
            return redirect(url_for("review.review_detail", review_id=review.id), 303)
    elif "csrf_token" in form.errors:
        abort(400)
    return _render_detail(review, dispute_form=form, status=400)


@bp.route("/disputes/<int:dispute_id>/resolve", methods=["POST"])
@login_required
def resolve_dispute(dispute_id: int):
    """The supervisor accepts (a new revision) or rejects with a reason."""
    dispute = service.load_dispute(dispute_id, current_user)
    if not dispute.can_resolve(current_user):
        abort(404)
    form = _resolve_form(dispute)
    if form.validate_on_submit():
        accept = form.decision.data == "accept"
        try:
            service.resolve_dispute(dispute, current_user, accept, form.reason.data,
                                    parse_score(form.new_score.data) if accept else None)
        except service.ReviewInputError as error:
            _field_errors(form, error.errors)
        except service.ReviewStateError:
            flash(_("This dispute has been decided already."), "error")
            return redirect(url_for("review.review_detail", review_id=dispute.review_id), 303)
        else:
            flash(_("Dispute accepted: the review has a new version.") if accept else _("Dispute rejected."), "success")
            return redirect(url_for("review.review_detail", review_id=dispute.review_id), 303)
    elif "csrf_token" in form.errors:
        abort(400)
    return _render_detail(dispute.review, resolve_forms={dispute.id: form}, status=400)


@bp.route("/disputes")
@role_required(Role.SUPERVISOR)
def disputes():
    """Disputes on the reviews of the supervisor's team: open first, closed ones, or all."""
    status = request.args.get("status", "open")
    if status not in service.disputes.DISPUTE_FILTERS:
        status = "open"
    found = service.disputes_for(current_user, status)
    titles: dict[int, dict[str, str]] = {}
    for dispute in found:
        version = dispute.review.rubric_version
        if version.id not in titles:
            titles[version.id] = criterion_titles(version, ui_lang())
    criterion = {d.id: titles[d.review.rubric_version_id].get(d.criterion_id, d.criterion_id) for d in found}
    return render_template("review/disputes.html", disputes=found, criterion=criterion,
                           status=status, labels=display_labels(), statuses=DISPUTE_STATUSES)


@bp.route("/mine")
@login_required
def my_reviews():
    """Reviews of the conversations the user handled, whatever their role."""
    reviews = service.reviews_for_agent(current_user)
    return render_template("review/my_reviews.html", reviews=reviews, linked=is_linked_agent(current_user),
                           needs_ack={r.id: service.needs_acknowledgement(r) for r in reviews}, labels=display_labels())

"""Assignment pages: the list, the new-assignment form, the report and removing one.

Trainers and admins manage assignments; supervisors read the list and reports of assignments to
their own team (`Assignment.can_view`); learners get 403 everywhere here. The rules and the
statuses are services.authoring.assignments'.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from ..extensions import db
from ..models import Assignment, Role
from ..security import role_required
from ..services import content_store
from ..services.authoring import assignments as service
from . import bp
from .assignment_forms import ASSIGNMENT_ERROR_MESSAGES, AssignmentForm, DeleteAssignmentForm
from .loading import viewable

# Where a service error code for a field is shown ("targets" belongs to the teams fieldset).
FIELD_OF_ERROR = {"targets": "team_ids"}


def _lang() -> str:
    return str(get_locale() or "fi")


def _load(assignment_id: int) -> Assignment:
    """Load an assignment or 404; 403 for someone who may not see it."""
    return viewable(service.get_assignment(assignment_id))


def _titles() -> dict[str, str]:
    lang = _lang()
    return {s.id: s.title(lang) for s in content_store.library().scenarios()}


@bp.route("/assignments")
@role_required(Role.SUPERVISOR, Role.TRAINER)
def assignments():
    """Every assignment the user may see, with completion; trainers can add and remove."""
    found = service.visible_assignments(current_user)
    return render_template(
        "authoring/assignments.html",
        summaries=found,
        titles=_titles(),
        can_manage=current_user.can_author(),
    )


def _assignment_form() -> AssignmentForm:
    form = AssignmentForm()
    lang = _lang()
    scenarios = sorted(service.assignable_scenarios(), key=lambda s: s.title(lang).casefold())
    form.scenario_id.choices = [("", _("Choose a scenario"))] + [
        (s.id, s.title(lang)) for s in scenarios
    ]
    form.team_ids.choices = [(t.id, t.name) for t in service.assignable_teams()]
    learners = service.assignable_learners()
    form.user_ids.choices = [(u.id, u.name) for u in learners]
    form.learner_groups = _groups(learners)
    return form


def _groups(learners) -> list[tuple[str, list[int]]]:
    """Learner ids grouped by team name (learners without a team last), for the fieldsets."""
    groups: dict[str, list[int]] = {}
    for learner in learners:
        name = learner.team.name if learner.team else _("No team")
        groups.setdefault(name, []).append(learner.id)
    return list(groups.items())


def _input(form: AssignmentForm) -> service.AssignmentInput:
    return service.AssignmentInput(
        scenario_id=form.scenario_id.data or "",
        team_ids=tuple(form.team_ids.data or ()),
        user_ids=tuple(form.user_ids.data or ()),
        due_date=form.due_date.data if not form.due_date.errors else None,
        min_score=form.min_score.data if not form.min_score.errors else None,
        note=form.note.data or "",
    )


def _put_errors(form: AssignmentForm, errors: dict[str, str]) -> None:
    for key, code in errors.items():
        field = form[FIELD_OF_ERROR.get(key, key)]
        message = str(ASSIGNMENT_ERROR_MESSAGES.get(code, code))
        if message not in field.errors:
            field.errors = [*field.errors, message]


@bp.route("/assignments/new", methods=["GET", "POST"])
@role_required(Role.TRAINER)
def new_assignment():
    """Assign a published scenario to teams and learners; `?scenario=<id>` preselects one."""
    form = _assignment_form()
    if request.method == "GET":
        form.scenario_id.data = request.args.get("scenario", "")
        return render_template("authoring/assignment_new.html", form=form)
    form.validate_on_submit()
    if "csrf_token" in form.errors:
        abort(400)
    data = _input(form)
    _put_errors(form, service.check_input(data))
    if not any(field.errors for field in form):
        made = service.create_assignments(data, current_user)
        db.session.commit()
        flash(
            _("Assigned to %(count)d teams or learners.", count=len(made))
            if len(made) > 1
            else _("Assignment created."),
            "success",
        )
        if len(made) == 1:
            return redirect(url_for("authoring.assignment", assignment_id=made[0].id), 303)
        return redirect(url_for("authoring.assignments"), 303)
    return render_template("authoring/assignment_new.html", form=form), 400


@bp.route("/assignments/<int:assignment_id>")
@role_required(Role.SUPERVISOR, Role.TRAINER)
def assignment(assignment_id: int):
    """The report: each learner's status, the score distribution and the key points missed most."""
    found = _load(assignment_id)
    result = service.report(found)
    scenario = content_store.library().scenarios_by_id.get(found.scenario_id)
    return render_template(
        "authoring/assignment.html",
        report=result,
        summary=result.summary,
        assignment=found,
        title=scenario.title(_lang()) if scenario else found.scenario_id,
        bins=service.bin_labels(),
        can_manage=found.can_manage(current_user),
    )


@bp.route("/assignments/<int:assignment_id>/delete", methods=["GET", "POST"])
@role_required(Role.TRAINER)
def delete_assignment(assignment_id: int):
    """Ask first (GET), then remove the assignment (POST with the box ticked); attempts stay."""
    found = _load(assignment_id)
    form = DeleteAssignmentForm()
    scenario = content_store.library().scenarios_by_id.get(found.scenario_id)
    title = scenario.title(_lang()) if scenario else found.scenario_id
    if form.validate_on_submit():
        service.delete_assignment(found, current_user)
        db.session.commit()
        flash(_("Assignment of “%(title)s” removed.", title=title), "success")
        return redirect(url_for("authoring.assignments"), 303)
    if "csrf_token" in form.errors:
        abort(400)
    status = 400 if form.is_submitted() else 200
    return render_template(
        "authoring/assignment_delete.html", form=form, assignment=found, title=title
    ), status

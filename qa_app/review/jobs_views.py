"""Background job pages: an import's progress and report, polled by htmx while the job runs."""

from __future__ import annotations

from flask import abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..models import BackgroundJob, Role
from ..security import role_required
from ..services import autoqa
from ..services import jobs as jobs_service
from . import bp
from .forms import PrescoreForm


def _job_or_404(job_id: int) -> BackgroundJob:
    """Return a job the current user may see; others' jobs are 404, as if they did not exist."""
    job = jobs_service.get_job(job_id)
    if job is None or not job.can_view(current_user):
        abort(404)
    return job


def _next_links() -> list[tuple[str, str]]:
    """Where a supervisor goes once the conversations are in (the pages that exist in this build)."""
    links = [("review.queue", _("Go to the review queue")), ("review.conversations", _("See the imported conversations"))]
    return [(label, url_for(endpoint)) for endpoint, label in links if endpoint in current_app.view_functions]


def _context(job: BackgroundJob) -> dict:
    return {"job": job, "percent": jobs_service.percent(job), "next_links": _next_links()}


@bp.route("/jobs/<int:job_id>")
@login_required
def job(job_id: int):
    """Show a job's progress, its import report once the file is read, and a failure in one line."""
    return render_template("review/job.html", **_context(_job_or_404(job_id)))


@bp.route("/jobs/<int:job_id>/progress")
@login_required
def job_progress(job_id: int):
    """The job's status: an HTML fragment for htmx polling, or JSON when asked for it."""
    job = _job_or_404(job_id)
    if request.args.get("format") == "json" or request.accept_mimetypes.best == "application/json":
        return jsonify(id=job.id, kind=job.kind, status=job.status, done=job.done, total=job.total,
                       percent=jobs_service.percent(job), error=job.error, report=jobs_service.import_report(job))
    response = current_app.make_response(render_template("review/_job_status.html", **_context(job)))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/jobs/prescore", methods=["POST"])
@role_required(Role.SUPERVISOR)
def prescore_unscored():
    """Supervisors and admins start AutoQA for every conversation without a current pre-score."""
    if not PrescoreForm().validate_on_submit():
        abort(400)
    ids = autoqa.unscored_ids()
    if not ids:
        flash(_("Every conversation already has a pre-score."), "info")
        return redirect(url_for("review.import_conversations"))
    job = jobs_service.start_autoqa(ids, current_user, background=True)
    return redirect(url_for("review.job", job_id=job.id))


@bp.app_context_processor
def job_queue_banner() -> dict:
    """Tell staff on every page when the job queue does not answer, and what that means for jobs."""
    if not (current_user.is_authenticated and current_user.has_role(Role.SUPERVISOR)):
        return {}
    notice = jobs_service.queue_notice()
    if notice == "waiting":
        text = _("The job queue (Redis) does not answer: new imports and AutoQA runs wait and start by themselves "
                 "once it is back. Everything else works as usual.")
    elif notice == "inline":
        text = _("The job queue (Redis) does not answer: imports and AutoQA runs now run inside the web server, "
                 "which can be slower. Everything else works as usual.")
    else:
        return {}
    return {"job_queue_notice": text}

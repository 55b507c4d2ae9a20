"""Failed background jobs for admins: what failed, when, for whom, and Retry (the failed chunks only)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from ..models import Role
from ..security import role_required
from ..services import job_recovery
from ..services import jobs as jobs_service
from . import bp
from .forms import RetryJobForm


@bp.route("/jobs")
@role_required(Role.ADMIN)
def failed_jobs():
    """List failed jobs and jobs with chunks that failed after all their retries."""
    return render_template(
        "admin/jobs.html",
        items=job_recovery.failed_jobs(),
        form=RetryJobForm(),
        limit=job_recovery.LIST_LIMIT,
    )


@bp.route("/jobs/<int:job_id>/retry", methods=["POST"])
@role_required(Role.ADMIN)
def retry_job(job_id: int):
    """Run a failed job's unfinished chunks again, then show its progress page."""
    if not RetryJobForm().validate_on_submit():
        abort(400)
    job = jobs_service.get_job(job_id)
    if job is None:
        abort(404)
    try:
        count = job_recovery.retry_job(job_id, background=True)
    except job_recovery.JobNotRetryable:
        flash(
            _("This job cannot be retried: its file could not be imported. Upload the file again."),
            "error",
        )
        return redirect(url_for("admin.failed_jobs"))
    flash(ngettext("Retrying %(num)d chunk.", "Retrying %(num)d chunks.", count), "success")
    return redirect(url_for("review.job", job_id=job_id))


@bp.route("/jobs/retry-all", methods=["POST"])
@role_required(Role.ADMIN)
def retry_all_jobs():
    """Retry every failed job that can be retried."""
    if not RetryJobForm().validate_on_submit():
        abort(400)
    retried = job_recovery.retry_all_failed(background=True)
    if retried:
        flash(ngettext("Retrying %(num)d job.", "Retrying %(num)d jobs.", len(retried)), "success")
    else:
        flash(_("No failed job can be retried."), "info")
    return redirect(url_for("admin.failed_jobs"))

from __future__ import annotations

from pathlib import PurePath

from flask import current_app, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge

from ..imports import ImportFileError
from ..models import Role
from ..security import role_required
from ..services import autoqa, team_overview
from ..services import conversations as conversation_service
from ..services import jobs as jobs_service
from ..uploads import upload_limit
from . import bp, import_reasons
from .forms import ImportForm, PrescoreForm


@bp.app_template_filter("import_reason")
def import_reason(reason: str) -> str:
    """An importer's rejection reason in the reader's language."""
    return import_reasons.localize(reason)


@bp.route("/")
@role_required(Role.SUPERVISOR)
def overview():
    """Supervisors see their team's practice; admins see every team."""
    return render_template("review/overview.html", rows=team_overview.rows_for(current_user))


def _render_import(form: ImportForm, status: int = 200):
    return render_template(
        "review/import.html", form=form, max_size=_max_size(), recent_jobs=jobs_service.recent_jobs(current_user),
        prescore_form=PrescoreForm(formdata=None), unscored=autoqa.count_unscored(),
    ), status


def _max_size() -> str:
    """Return the upload limit for people: "20 MB", or kB for small test limits."""
    limit = current_app.config["IMPORT_MAX_BYTES"]
    return f"{limit // 2**20} MB" if limit >= 2**20 else f"{max(limit // 1024, 1)} kB"


@bp.route("/import", methods=["GET", "POST"])
@upload_limit("IMPORT_MAX_BYTES")
@role_required(Role.SUPERVISOR)
def import_conversations():
    """Supervisors and admins upload a CSV or JSON Lines file; a background job imports and pre-scores it."""
    form = ImportForm()
    if not form.is_submitted():
        return _render_import(form)
    if not form.validate():
        return _render_import(form, status=400)
    upload = form.file.data
    filename = PurePath(upload.filename or "upload").name
    try:
        job = jobs_service.start_import(upload.read(), form.file_format.data, filename, form.source.data,
                                        current_user, background=True)
    except ImportFileError as error:
        form.file.errors.append(_("This file cannot be read: %(reason)s", reason=str(error)))
        return _render_import(form, status=400)
    except conversation_service.ConversationInputError as error:
        form.source.errors.append(str(error))
        return _render_import(form, status=400)
    return redirect(url_for("review.job", job_id=job.id))


@bp.errorhandler(RequestEntityTooLarge)
def upload_too_large(error: RequestEntityTooLarge):
    """Show the import form again with the size limit, instead of a bare 413 page."""
    if not (current_user.is_authenticated and current_user.can_review()):
        return render_template("errors/error.html", code=413, reason=None), 413
    form = ImportForm(formdata=None)
    form.file.errors = [_("The file is too large: at most %(size)s can be imported at a time.", size=_max_size())]
    return _render_import(form, status=413)

"""The audit log for admins: newest events first, filters, pages, and a CSV export (itself audited).
"""

from __future__ import annotations

from datetime import date

from flask import Response, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..extensions import db
from ..models import Role
from ..security import role_required
from ..services import audit
from ..stats.safe_csv import write_csv
from . import bp

ACTION_LABELS = {
    "review.submit": _l("Review submitted"),
    "review.revise": _l("Review revised"),
    "dispute.raise": _l("Dispute raised"),
    "dispute.accept": _l("Dispute accepted"),
    "dispute.reject": _l("Dispute rejected"),
    "content.publish": _l("Content published"),
    "user.create": _l("User created"),
    "user.role": _l("Role changed"),
    "api_token.create": _l("API token created"),
    "api_token.revoke": _l("API token revoked"),
    "conversations.import": _l("Conversations imported"),
    "export.quality": _l("Quality figures exported"),
    "export.calibration": _l("Calibration scores exported"),
    "export.conversations": _l("Conversations exported"),
    "export.all": _l("Full backup exported"),
    "export.audit": _l("Audit log exported"),
    "retention.run": _l("Retention run"),
    "erase.customer": _l("Customer data erased"),
    "erase.agent": _l("Agent data erased"),
}
VIA_LABELS = {"web": _l("Web"), "api": _l("API"), "cli": _l("Command line"), "worker": _l("Worker"),
              "app": _l("App")}


@bp.route("/audit")
@role_required(Role.ADMIN)
def audit_log():
    filters = audit.AuditFilter.from_args(request.args)
    page = audit.page_of_events(filters, request.args.get("page", 1, type=int) or 1)

    def page_url(number: int) -> str:
        return url_for("admin.audit_log", page=number, **filters.to_args())

    return render_template(
        "admin/audit.html", filters=filters, page=page, page_url=page_url, action_labels=ACTION_LABELS,
        via_labels=VIA_LABELS, actions=audit.ACTIONS, csv_url=url_for("admin.audit_csv", **filters.to_args()),
        shown_value=audit.shown_value,
    )


@bp.route("/audit.csv")
@role_required(Role.ADMIN)
def audit_csv():
    """Every event matching the filters as CSV (formula-safe); the export is recorded first, so
    the file's newest row is this export."""
    filters = audit.AuditFilter.from_args(request.args)
    audit.record("export.audit", current_user, details={"filters": filters.to_args()})
    db.session.commit()
    rows = [list(audit.CSV_HEADER)] + [audit.csv_row(event) for event in audit.iter_events(filters)]
    name = f"audit-{date.today().isoformat()}.csv"
    return Response(
        write_csv(rows), mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"', "X-Content-Type-Options": "nosniff",
                 "Cache-Control": "no-store"},
    )

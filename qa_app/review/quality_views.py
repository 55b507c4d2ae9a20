"""Quality dashboards: figures, the conversations behind each number, and a CSV export."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Response, current_app, render_template, request, url_for
from flask_babel import format_decimal, get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..extensions import db
from ..models import Role
from ..security import role_required
from ..services import audit
from ..services import quality as quality_service
from ..stats.quality import FactFilter
from ..stats.safe_csv import write_csv
from . import bp
from .forms import ConversationListForm, QualityFilterForm

CHANNEL_LABELS = {"chat": _l("Chat"), "email": _l("E-mail"), "social": _l("Social media"), "phone": _l("Phone")}
LIST_FIELDS = ("week", "criterion", "flag", "fcr", "compliance", "autoqa_min", "autoqa_max",
               "diff_min", "diff_max", "differs_most")


FCR_LABELS = {
    "resolved": _l("Resolved"), "unresolved": _l("Not resolved"), "unknown": _l("Unknown"),
}
FCR_BASIS_LABELS = {
    "field": _l("from the file"), "repeat": _l("the customer came back within 7 days"),
    "no_repeat": _l("no new contact in 7 days"), "no_customer": _l("no customer identifier"),
    "window_open": _l("less than 7 days of data after it"),
}


def _number(value: float | None) -> str:
    """Return a figure with one decimal in the user's locale (1,5 in Finnish), or a dash."""
    return "–" if value is None else format_decimal(round(value, 1), "#,##0.0")


def _signed(value: float | None) -> str:
    return "–" if value is None else ("+" if value > 0 else "") + _number(value)


def _render(template: str, status: int = 200, **context: Any):
    return render_template(
        template, number=_number, signed=_signed, channel_labels=CHANNEL_LABELS, fcr_labels=FCR_LABELS, fcr_basis_labels=FCR_BASIS_LABELS,
        conversation_url=_conversation_url, **context,
    ), status


def _form(form_class: type[QualityFilterForm]) -> QualityFilterForm:
    """Read the filters from the query string; without dates, show the newest 12 weeks."""
    form = form_class(formdata=request.args)
    form.set_choices(quality_service.filter_options(current_user), CHANNEL_LABELS)
    if "date_from" not in request.args and "date_to" not in request.args:
        form.date_from.data, form.date_to.data = quality_service.default_period(current_user)
    return form


def _filters(form: QualityFilterForm) -> quality_service.QualityFilter:
    return quality_service.QualityFilter(
        date_from=form.date_from.data, date_to=form.date_to.data,
        team=form.team.data or "", channel=form.channel.data or "", agent=form.agent.data or "",
    )


def _list_url(filters: quality_service.QualityFilter):
    """Return a function giving the conversation list's URL for these filters plus `extra`."""
    base = filters.to_args()
    # Explicit empty dates keep the list from falling back to the default 12 weeks.
    base.setdefault("date_from", "")
    base.setdefault("date_to", "")

    def list_url(extra: dict[str, Any] | None = None) -> str:
        args = {**base, **{key: value for key, value in (extra or {}).items() if value is not None}}
        return url_for("review.conversations", **args)

    return list_url


def _conversation_url(conversation_id: int) -> str | None:
    """Link to the review page of a conversation (helper B's view), when the app has it."""
    if "review.conversation" not in current_app.view_functions:
        return None
    return url_for("review.conversation", conversation_id=conversation_id)


def _chart_data(board: quality_service.Dashboard) -> dict[str, Any]:
    """Return the trend, difference and compliance series the charts draw (static/js/quality.js)."""
    figures = board.figures
    weeks = figures.weeks

    def rounded(value: float | None) -> float | None:
        return None if value is None else round(value, 1)

    measured = [channel for channel in figures.channels if channel.compliance.total]
    return {
        "trend": {
            "labels": [week.label for week in weeks],
            "series": [
                {"id": "iqs", "label": _("IQS"), "data": [rounded(week.iqs) for week in weeks]},
                {"id": "autoqa", "label": _("AutoQA"), "data": [rounded(week.autoqa) for week in weeks]},
                {"id": "fcr", "label": _("FCR %"), "data": [rounded(week.fcr.percent) for week in weeks]},
                {"id": "compliance", "label": _("Response time met %"), "data": [rounded(week.compliance.percent) for week in weeks]},
            ],
        },
        "histogram": {
            "labels": [f"{b.low}…{b.high}" for b in figures.agreement.histogram],
            "label": _("Conversations"),
            "data": [b.count for b in figures.agreement.histogram],
        },
        "compliance": {
            "labels": [str(CHANNEL_LABELS.get(c.key, c.key)) for c in measured],
            "label": _("Response time met %"),
            "data": [rounded(c.compliance.percent) for c in measured],
        },
    }


@bp.route("/quality")
@role_required(Role.SUPERVISOR)
def quality():
    """Supervisors see their team's quality figures, admins everyone's, each number linked to its conversations."""
    form = _form(QualityFilterForm)
    if not form.validate():
        return _render("review/quality.html", 400, form=form, board=None, has_conversations=True)
    filters = _filters(form)
    board = quality_service.dashboard(current_user, filters, str(get_locale()))
    return _render(
        "review/quality.html", form=form, board=board, filters=filters,
        has_conversations=quality_service.has_conversations(current_user),
        list_url=_list_url(filters), chart_data=_chart_data(board), queue_url=_queue_url(),
        csv_url=url_for("review.quality_csv", **_list_url_args(filters)),
    )


def _list_url_args(filters: quality_service.QualityFilter) -> dict[str, str]:
    return {"date_from": "", "date_to": "", **filters.to_args()}


def _queue_url() -> str | None:
    return url_for("review.queue") if "review.queue" in current_app.view_functions else None


def _fact_filter(form: ConversationListForm) -> FactFilter:
    return FactFilter(
        week=form.week.data or "", criterion=form.criterion.data or "", flag=form.flag.data or "",
        fcr=form.fcr.data or "", compliance=form.compliance.data or "", reviewed=bool(form.reviewed.data),
        autoqa_min=form.autoqa_min.data, autoqa_max=form.autoqa_max.data,
        diff_min=form.diff_min.data, diff_max=form.diff_max.data, differs_most=form.differs_most.data,
    )


@bp.route("/conversations")
@role_required(Role.SUPERVISOR)
def conversations():
    """The conversations behind a dashboard number, filtered as the number was, page by page."""
    form = _form(ConversationListForm)
    if not form.validate():
        return _render("review/conversations.html", 400, form=form, page=None, active=[])
    filters = _filters(form)
    page = quality_service.conversation_list(
        current_user, filters, _fact_filter(form), request.args.get("page", 1, type=int)
    )
    args = {key: value for key, value in request.args.items() if key != "page"}
    return _render(
        "review/conversations.html", form=form, page=page,
        has_conversations=page.total > 0 or quality_service.has_conversations(current_user),
        page_url=lambda number: url_for("review.conversations", **args, page=number),
        dashboard_url=url_for("review.quality", **_list_url_args(filters)),
        active=_active(form),
    )


def _active(form: ConversationListForm) -> list[tuple[str, Any]]:
    """Return the number-specific filters in use, as (label, value people read)."""
    shown = []
    for name in LIST_FIELDS:
        field = form[name]
        if field.data in (None, ""):
            continue
        choices = dict(field.choices) if getattr(field, "choices", None) else {}
        shown.append((field.label.text, choices.get(field.data, field.data)))
    if form.reviewed.data:
        shown.append((form.reviewed.label.text, _("yes")))
    return shown


CSV_HEADERS = {
    "section": _l("Table"), "group": _l("Group"), "conversations": _l("Conversations"),
    "reviewed": _l("Reviewed conversations"), "reviews": _l("Reviews"), "iqs": _l("IQS"),
    "fcr": _l("FCR %"), "resolved": _l("Resolved at first contact"), "unresolved": _l("Not resolved"),
    "unknown": _l("FCR unknown"), "compliance": _l("Response time met %"), "met": _l("Target met"),
    "missed": _l("Target missed"), "autoqa": _l("AutoQA mean"), "na": _l("N/A"), "all": _l("All"),
    "agent": _l("Agent"), "team": _l("Team"), "channel": _l("Channel"), "week": _l("Week"),
    "criterion": _l("Criterion"), "none": _l("None"), "difference": _l("AutoQA minus human"),
    "histogram": _l("AutoQA minus human"), "differs": _l("Where they differ most"),
}


@bp.route("/quality.csv")
@role_required(Role.SUPERVISOR)
def quality_csv():
    """The dashboard's tables as CSV, safe to open in a spreadsheet (no formula injection)."""
    form = _form(QualityFilterForm)
    if not form.validate():
        return _render("review/quality.html", 400, form=form, board=None, has_conversations=True)
    board = quality_service.dashboard(current_user, _filters(form), str(get_locale()))
    headers = {key: str(value) for key, value in CSV_HEADERS.items()}
    rows = quality_service.table_rows(board.figures, headers)
    for row in rows[1:]:  # channel names as people read them
        if row[0] == headers["channel"]:
            row[1] = str(CHANNEL_LABELS.get(row[1], row[1]))
    name = f"quality-{date.today().isoformat()}.csv"
    audit.record("export.quality", current_user, details={"filters": request.args.to_dict()})
    db.session.commit()
    return Response(
        write_csv(rows), mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"', "X-Content-Type-Options": "nosniff"},
    )

"""Try it and the sample answers: grade a pasted answer against a version; compare samples.

Thin views over services.authoring.try_it and .samples. Trainers and admins only (403 for
everyone else); a version is shown only to those who `can_view` it. The Try it panel is a
partial (`authoring/_try_panel.html`) the scenario editor includes with `draft` in its context;
it works as a plain form (the result on a page of its own) and, with htmx, swaps only the result.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.routing import BuildError

from ..content import Problem, defaults
from ..extensions import db
from ..models import ContentVersion, Role
from ..security import role_required
from ..services.authoring import drafts, try_it
from ..services.authoring import samples as samples_service
from ..services.progress import SEVERITY_LABELS
from . import bp
from .try_forms import EXPECTATION_LABELS, SampleForm, TryForm

TURN_PREVIEW = 70  # characters of a customer message shown in a turn choice


@dataclass
class TryPanel:
    """What the Try it panel shows: its form and, after grading, the result or why there is none."""

    version: ContentVersion
    form: TryForm
    result: try_it.TryResult | None = None
    problems: tuple[Problem, ...] = ()
    error: str | None = None
    sample_label: str | None = None  # the sample whose findings are shown

    @property
    def dom_id(self) -> str:
        return f"try-{self.version.id}"

    @property
    def language(self) -> str | None:
        """The scenario's language, for the answer box and the quoted text."""
        value = drafts.data(self.version).get("language")
        return value if isinstance(value, str) else None

    @property
    def title(self) -> str:
        """The scenario's title in the reader's language, read even from a draft that does not build."""
        title = drafts.data(self.version).get("title")
        if isinstance(title, dict):
            return str(title.get(_ui_lang()) or next(iter(title.values()), self.version.content_id))
        return str(title or self.version.content_id)


def _ui_lang() -> str:
    return str(get_locale() or "fi")


def _is_htmx() -> bool:
    return request.headers.get("HX-Request") == "true"


def _scenario_version(version_id: int) -> ContentVersion:
    """Load a scenario version the user may see: 404 when there is none, 403 when hidden."""
    version = db.session.get(ContentVersion, version_id)
    if version is None or version.kind != "scenario":
        abort(404)
    if not version.can_view(current_user):
        abort(403)
    return version


def _rubric_version(raw: str | None) -> ContentVersion | None:
    """The rubric version a form names (a rubric draft being tried), if any and visible."""
    if not raw or not raw.isdigit():
        return None
    version = db.session.get(ContentVersion, int(raw))
    if version is None or version.kind != "rubric":
        abort(404)
    if not version.can_view(current_user):
        abort(403)
    return version


def turn_options(choices: tuple[try_it.TurnChoice, ...]) -> list[tuple[str, str]]:
    """Label each customer message a reply can answer: the opening first, then the turns."""
    options = []
    for choice in choices:
        preview = " ".join(choice.customer.split())
        if len(preview) > TURN_PREVIEW:
            preview = preview[: TURN_PREVIEW - 1].rstrip() + "…"
        if choice.is_opening:
            label = _("Opening message: %(text)s", text=preview)
        else:
            label = _("Turn %(id)s: %(text)s", id=choice.id, text=preview)
        options.append((choice.id, label))
    return options


def _choices_of(version: ContentVersion) -> tuple[try_it.TurnChoice, ...]:
    return try_it.turn_choices_in(drafts.data(version))


def _try_form(version: ContentVersion, bound: bool) -> TryForm:
    form = TryForm(prefix="try") if bound else TryForm(prefix="try", formdata=None)
    form.turn.choices = turn_options(_choices_of(version))
    return form


@bp.app_template_global("try_panel")
def try_panel(version: ContentVersion | None) -> TryPanel | None:
    """The empty Try it panel for a scenario version (the editor page includes it with `draft`)."""
    if version is None or version.kind != "scenario" or not version.can_view(current_user):
        return None
    return TryPanel(version, _try_form(version, bound=False))


def _grade_into(panel: TryPanel, text: str, turn_id: str | None, rubric) -> None:
    """Grade and put the result, or the reason there is none, on the panel."""
    try:
        panel.result = try_it.try_answer(panel.version, text, _ui_lang(), turn_id, rubric)
    except try_it.NotGradable as error:
        panel.problems = error.problems
    except try_it.UnknownTurn:
        panel.error = _("That customer message is not in this version. Choose another one.")
    except try_it.AnswerMissing:
        panel.error = _("Paste an answer to grade.")
    except try_it.GradingUnavailable:
        panel.error = _("The grader could not grade this answer just now. Please try again.")
    except try_it.TryItError as error:
        panel.error = str(error)


@bp.route("/versions/<int:version_id>/try", endpoint="try_it", methods=["GET", "POST"])
@role_required(Role.TRAINER)
def try_it_view(version_id: int):
    """Grade a pasted answer against a scenario version; `?sample=` grades a stored sample."""
    version = _scenario_version(version_id)
    rubric = _rubric_version(request.values.get("try-rubric_version") or request.args.get("rubric"))
    panel = TryPanel(version, _try_form(version, bound=request.method == "POST"))
    status = 200
    if request.method == "POST":
        if panel.form.validate_on_submit():
            _grade_into(panel, panel.form.answer.data, panel.form.turn.data, rubric)
        else:
            # A plain post shows the errors by the fields; htmx swaps only the result region.
            errors = " ".join(str(e) for f in panel.form for e in f.errors)
            panel.error = errors if _is_htmx() else None
        failed = bool(panel.form.errors) or panel.error is not None or bool(panel.problems)
        status = 200 if _is_htmx() or not failed else 422
    elif request.args.get("sample"):
        _show_sample(panel, request.args["sample"], rubric)
    if rubric is not None:
        panel.form.rubric_version.data = str(rubric.id)
    if _is_htmx():
        return render_template("authoring/try_result.html", panel=panel, **_page_labels()), status
    return render_template(
        "authoring/try.html", panel=panel, rubric_draft=rubric, **_page_labels()
    ), status


def _show_sample(panel: TryPanel, key: str, rubric) -> None:
    """Grade a stored sample against the panel's version and put its text in the form."""
    try:
        content = try_it.load_content(panel.version, rubric)
    except try_it.NotGradable as error:
        content, panel.problems = None, error.problems
    sample = samples_service.find_sample(panel.version.content_id, key, content)
    if sample is None:
        abort(404)
    panel.sample_label = sample_label(sample)
    panel.form.answer.data = sample.text
    choice_ids = [value for value, _label in panel.form.turn.choices]
    panel.form.turn.data = sample.turn_id if sample.turn_id in choice_ids else None
    if content is None:
        return
    try:
        turn, outcome = try_it.grade_answer(content, sample.text, sample.turn_id, sample.earlier)
    except try_it.TryItError as error:
        panel.error = str(error)
        return
    panel.result = try_it.explain(content, turn, outcome, _ui_lang())


def sample_label(sample: samples_service.Sample) -> str:
    """Name a sample for the reader: model answers and learners' replies have no stored label."""
    if sample.kind == "model":
        if sample.turn_id:
            return _("Model answer to turn %(id)s", id=sample.turn_id)
        return _("Model answer")
    if sample.kind == "learner":
        return _("Learner’s reply %(n)s (version %(v)s)", n=sample.label, v=sample.version)
    return sample.label


@bp.app_template_global("try_labels")
def try_labels() -> dict:
    """Localised names the Try it result shows (the practice debrief's severity names)."""
    return {"severity": SEVERITY_LABELS, "expectation": EXPECTATION_LABELS}


def _page_labels() -> dict:
    return {"sample_label": sample_label, "editor_url": _editor_url}


def _editor_url(content_id: str) -> str | None:
    """The scenario editor's address, once that page exists (another part of authoring)."""
    try:
        return url_for("authoring.edit_scenario", content_id=content_id)
    except BuildError:
        return None


# ------------------------------------------------------------------ sample answers


@bp.route("/scenarios/<content_id>/samples", methods=["GET", "POST"])
@role_required(Role.TRAINER)
def samples(content_id: str):
    """The scenario's sample answers graded by the draft and the published version; add or delete."""
    published = drafts.latest_published("scenario", content_id)
    draft = drafts.current_draft("scenario", content_id)
    newest = draft or published
    if newest is None:
        abort(404)
    if not newest.can_view(current_user):
        abort(403)
    form = SampleForm(prefix="sample")
    form.turn.choices = turn_options(_choices_of(newest))
    status = 200
    if request.method == "POST":
        if request.form.get("delete", "").isdigit():
            if samples_service.delete_sample(content_id, int(request.form["delete"])):
                db.session.commit()
                flash(_("Sample deleted."), "success")
            else:
                flash(_("That sample was already deleted."), "info")
            return redirect(url_for("authoring.samples", content_id=content_id))
        if form.validate_on_submit():
            try:
                samples_service.add_sample(
                    content_id,
                    form.label.data,
                    form.text.data,
                    form.expectation.data,
                    form.turn.data,
                    current_user,
                )
            except samples_service.SampleError as error:
                form[error.field].errors = [*form[error.field].errors, str(error)]
            else:
                db.session.commit()
                flash(_("Sample added: it is graded in the table below."), "success")
                return redirect(url_for("authoring.samples", content_id=content_id) + "#samples")
        status = 422
    rubric_draft = _rubric_draft_for(newest) if request.args.get("rubric") == "draft" else None
    table = samples_service.samples_table(content_id, _ui_lang(), rubric_draft)
    return render_template(
        "authoring/samples.html",
        content_id=content_id,
        table=table,
        form=form,
        panel=try_panel(newest),
        published_row=published,
        draft_row=draft,
        rubric_draft=rubric_draft,
        rubric_draft_available=_rubric_draft_for(newest),
        **_page_labels(),
    ), status


def _rubric_draft_for(version: ContentVersion) -> ContentVersion | None:
    """The open draft of the rubric the scenario version names, if there is one."""
    content = drafts.data(version)
    rubric_id = content.get("rubric")
    if not rubric_id and content.get("channel") in defaults.TIME_TARGETS_S:
        rubric_id = defaults.default_rubric_id(content["channel"])
    if not isinstance(rubric_id, str) or not rubric_id:
        return None
    return drafts.current_draft("rubric", rubric_id)

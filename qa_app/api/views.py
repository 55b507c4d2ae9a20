from __future__ import annotations

from pathlib import Path

from flask import Response, jsonify, request

from ..extensions import csrf
from ..services.grading import GradeRequest, grade_request, parse_ui_lang
from ..throttle import api_grade_limit, api_limit, limiter
from . import bp
from .auth import token_required

csrf.exempt(bp)
limiter.limit(api_limit)(bp)  # per token (see throttle._api_key); /grade has its own, lower limit
OPENAPI_FILE = Path(__file__).with_name("openapi.yaml")


@bp.route("/openapi.yaml")
def openapi_spec():
    return Response(OPENAPI_FILE.read_text(encoding="utf-8"), mimetype="application/yaml")


@bp.route("/grade", methods=["POST"])
@limiter.limit(api_grade_limit)
@token_required
def grade():
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        return jsonify(error="bad_request", message="Send a JSON object with at least 'text'."), 400
    # Domain errors (bad request, unknown content, a failing backend) map to JSON in errors.py.
    ui_lang = parse_ui_lang(payload.get("ui_lang"))
    outcome = grade_request(GradeRequest.from_mapping(payload, strict=True, extra_keys=("ui_lang",)))
    return jsonify(outcome.to_dict(ui_lang))

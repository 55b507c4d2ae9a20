"""`/healthz` (the process answers) and `/readyz` (it can serve: database, Redis, grading).

No login, no personal data, no CSRF; meant for load balancers and orchestrators.
"""

from __future__ import annotations

from flask import Blueprint, jsonify

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """Liveness: answers without touching the database."""
    return jsonify(status="ok")


@bp.get("/readyz")
def readyz():
    """Readiness: 200 when every required check passes, else 503 naming the ones that failed."""
    from .services import readiness

    checks = readiness.readiness()
    failed = [check.name for check in checks if check.required and not check.ok]
    body = {
        "status": "fail" if failed else "ok",
        "failed": failed,
        "checks": {check.name: check.to_dict() for check in checks},
    }
    return jsonify(body), 503 if failed else 200


def init_app(app) -> None:  # type: ignore[no-untyped-def]
    from .extensions import csrf

    csrf.exempt(bp)
    app.register_blueprint(bp)

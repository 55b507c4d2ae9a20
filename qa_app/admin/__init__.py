from flask import Blueprint

bp = Blueprint("admin", __name__, template_folder="templates")

from . import audit_views, job_views, token_views, views  # noqa: E402,F401

from flask import Blueprint

bp = Blueprint("review", __name__, template_folder="templates")

from . import jobs_views  # noqa: E402,F401,I001
from . import views  # noqa: E402,F401
from . import quality_views  # noqa: E402,F401,I001
from . import review_views  # noqa: E402,F401,I001

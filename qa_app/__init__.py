"""Kohtaamo: a training and quality-assurance platform for customer-service teams."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

from .config import Config


def create_app(config: type | Mapping[str, Any] | None = None) -> Flask:
    """Build the Flask application from a config class or mapping (default: `Config`)."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_object(Config)
    if isinstance(config, Mapping):
        app.config.update(config)
    elif config is not None:
        app.config.from_object(config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    _fill_instance_defaults(app)

    from . import errors, extensions, i18n, security, templating, uploads
    from .services import content_store

    extensions.db.init_app(app)
    extensions.migrate.init_app(
        app, extensions.db, directory=str(Path(__file__).parent / "migrations"), render_as_batch=True
    )
    uploads.init_app(app)  # before CSRF: CSRF reads the form, so a view's upload limit must be set first
    extensions.csrf.init_app(app)
    security.init_app(app)
    i18n.init_app(app)
    errors.init_app(app)
    templating.init_app(app)
    content_store.init_app(app)
    _register_blueprints(app)
    return app


def _fill_instance_defaults(app: Flask) -> None:
    """Default the database to a SQLite file and the secret key to a per-instance random key."""
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{Path(app.instance_path) / 'kohtaamo.db'}"
    if not app.config.get("SECRET_KEY"):
        key_file = Path(app.instance_path) / "secret_key"
        if not key_file.exists():
            key_file.write_text(secrets.token_hex(32))
            key_file.chmod(0o600)
        app.config["SECRET_KEY"] = key_file.read_text().strip()


def _register_blueprints(app: Flask) -> None:
    from .admin import bp as admin_bp
    from .api import bp as api_bp
    from .auth import bp as auth_bp
    from .authoring import bp as authoring_bp
    from .calibration import bp as calibration_bp
    from .main import bp as main_bp
    from .practice import bp as practice_bp
    from .review import bp as review_bp

    app.register_blueprint(main_bp)
    app.register_blueprint(auth_bp, url_prefix="/auth")
    app.register_blueprint(admin_bp, url_prefix="/admin")
    app.register_blueprint(practice_bp, url_prefix="/practice")
    app.register_blueprint(review_bp, url_prefix="/review")
    app.register_blueprint(authoring_bp, url_prefix="/authoring")
    app.register_blueprint(calibration_bp, url_prefix="/calibration")
    app.register_blueprint(api_bp, url_prefix="/api/v1")

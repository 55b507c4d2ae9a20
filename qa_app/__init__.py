"""Kohtaamo: a training and quality-assurance platform for customer-service teams."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

from .config import Config, check_config, config_int, weak_secret_key


def create_app(config: type | Mapping[str, Any] | None = None) -> Flask:
    """Build the Flask application from a config class or mapping (default: `Config`)."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_object(Config)
    if isinstance(config, Mapping):
        app.config.update(config)
    elif config is not None:
        app.config.from_object(config)
    check_config(app.config)  # a wrong setting stops here with ConfigError naming it
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    if weak_secret_key(app.config):
        app.logger.warning("KOHTAAMO_SECRET_KEY is shorter than 16 characters: sessions can be forged; "
                           "use secrets.token_hex(32), or unset it to use instance/secret_key")
    _fill_instance_defaults(app)
    _trust_proxies(app)
    from .db_settings import engine_options

    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = engine_options(app.config)  # pool sizes for PostgreSQL

    from . import (
        errors,
        extensions,
        health,
        i18n,
        logs,
        security,
        security_headers,
        templating,
        throttle,
        uploads,
    )
    from .services import content_store

    logs.init_app(app)
    extensions.db.init_app(app)
    extensions.migrate.init_app(
        app, extensions.db, directory=str(Path(__file__).parent / "migrations"), render_as_batch=True
    )
    uploads.init_app(app)  # before CSRF: CSRF reads the form, so a view's upload limit must be set first
    extensions.csrf.init_app(app)
    security.init_app(app)
    throttle.init_app(app)
    security_headers.init_app(app)  # CSP and friends on every response, error pages and static files too
    i18n.init_app(app)
    errors.init_app(app)
    templating.init_app(app)
    content_store.init_app(app)
    _register_blueprints(app)
    health.init_app(app)
    return app


def _trust_proxies(app: Flask) -> None:
    """Behind KOHTAAMO_PROXY_HOPS reverse proxies, take client address, scheme and host from their headers."""
    hops = config_int(app.config, "PROXY_HOPS", 0)
    if hops:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops)  # type: ignore[method-assign]


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

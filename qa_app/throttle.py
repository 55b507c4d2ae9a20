"""Rate limits: login throttling per account and per address, and per-token limits on the API.

Both count in the same storage (Flask-Limiter and its `limits` library), chosen by
KOHTAAMO_RATELIMIT_STORAGE: "redis" (KOHTAAMO_REDIS_URL), "memory", or "auto" (Redis when it
answers at start-up, memory otherwise). In-memory counts are per process: under gunicorn each
worker counts on its own, so with W workers a client may get up to W times the limit; use Redis
there. When the storage stops answering, requests are let through (logged), not refused.

Failed logins are counted per account (the e-mail, hashed) and per client address; when either
reaches its limit, every login for that account or from that address is refused with 429 until
the window has passed, even with the right password. Successful logins are not counted, so one
person's mistakes do not lock out colleagues behind the same office address below its limit.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
from dataclasses import dataclass

from flask import Flask, current_app, has_app_context, jsonify, render_template, request
from flask_limiter import Limiter, RateLimitExceeded, RequestLimit
from flask_limiter.util import get_remote_address
from limits import RateLimitItem, parse_many
from limits.storage import Storage
from limits.strategies import MovingWindowRateLimiter, RateLimiter

from .models import ApiToken

logger = logging.getLogger(__name__)

_LOGIN_KEY = "kohtaamo.login_throttle"
_LIMITER_KEY = "kohtaamo.limiter"


def _api_key() -> str:
    """Count API requests per bearer token (its hash, never the token), else per address."""
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer ") and header.removeprefix("Bearer ").strip():
        return "token:" + ApiToken.hash_token(header.removeprefix("Bearer ").strip())  # as stored
    return "address:" + (get_remote_address() or "unknown")


def _api_rate_limited(limit: RequestLimit):
    """The API's 429: JSON with the error code and a Retry-After in seconds."""
    retry_after = max(1, math.ceil(limit.reset_at - time.time()))
    response = jsonify(error="rate_limited", message=(
        f"Too many requests (limit: {limit.limit}). Try again in {retry_after} seconds."))
    response.status_code = 429
    response.headers["Retry-After"] = str(retry_after)
    return response


class _PerAppLimiter(Limiter):
    """Flask-Limiter counting in the current app's own storage.

    Flask-Limiter keeps one storage per Limiter, replaced by each init_app; with several apps in a
    process (the tests build many) the last one's storage would count for all of them.
    """

    def init_app(self, app: Flask) -> None:
        super().init_app(app)
        app.extensions[_LIMITER_KEY] = (self._storage, self._limiter)

    def _own(self) -> tuple[Storage, RateLimiter] | None:
        return current_app.extensions.get(_LIMITER_KEY) if has_app_context() else None

    @property
    def storage(self) -> Storage:
        own = self._own()
        return own[0] if own else super().storage

    @property
    def limiter(self) -> RateLimiter:
        own = self._own()
        return own[1] if own else super().limiter


limiter = _PerAppLimiter(key_func=_api_key, on_breach=_api_rate_limited)


def api_limit() -> str:
    return current_app.config["RATELIMIT_API"]


def api_grade_limit() -> str:
    return current_app.config["RATELIMIT_API_GRADE"]


def init_app(app: Flask) -> None:
    """Choose the storage, bind Flask-Limiter and set up the login counters on the same storage."""
    uri = storage_uri(app)
    app.config["RATELIMIT_STORAGE_URI"] = uri
    app.config.setdefault("RATELIMIT_KEY_PREFIX", "kohtaamo")
    app.config.setdefault("RATELIMIT_SWALLOW_ERRORS", True)  # storage down: let requests through, logged
    limiter.init_app(app)
    app.register_error_handler(RateLimitExceeded, _rate_limit_exceeded)
    storage = app.extensions[_LIMITER_KEY][0]  # one storage (one Redis pool) for both
    app.extensions[_LOGIN_KEY] = (storage, MovingWindowRateLimiter(storage))


def _rate_limit_exceeded(error: RateLimitExceeded):
    """The response made on breach (the API's JSON), else the translated 429 page."""
    if error.response is not None:
        return error.response
    return render_template("errors/error.html", code=429, reason=None), 429


def storage_uri(app: Flask) -> str:
    """Return the storage URI for KOHTAAMO_RATELIMIT_STORAGE (auto: Redis if it answers now)."""
    mode = app.config["RATELIMIT_STORAGE"]
    redis_url = str(app.config["REDIS_URL"])
    if mode == "memory":
        return "memory://"
    if mode == "redis":
        return redis_url
    from redis import Redis
    from redis.exceptions import RedisError

    try:
        Redis.from_url(redis_url, socket_connect_timeout=1, socket_timeout=1).ping()
    except (RedisError, OSError) as error:
        # INFO, as for jobs in "auto": every CLI command builds the app, and most never need limits;
        # `kohtaamo serve` logs at INFO, so the server's log says it.
        logger.info("rate limits count in memory, per process (Redis does not answer: %s)", error)
        return "memory://"
    return redis_url


@dataclass(frozen=True)
class LoginRefusal:
    """Why a login is refused: "account" or "address", and seconds until it may be tried again."""

    scope: str
    retry_after: int

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(self.retry_after / 60))


def _login_counters() -> list[tuple[str, list[RateLimitItem], str]]:
    email = (request.form.get("email") or "").strip().lower()
    address = get_remote_address() or "unknown"
    counters = [("address", parse_many(current_app.config["LOGIN_ADDRESS_LIMIT"]), address)]
    if email:
        account = hashlib.sha256(email.encode()).hexdigest()[:32]  # no e-mail addresses in Redis keys
        counters.insert(0, ("account", parse_many(current_app.config["LOGIN_ACCOUNT_LIMIT"]), account))
    return counters


def login_refusal() -> LoginRefusal | None:
    """Return why this login attempt is refused now (too many failures), or None to let it try."""
    _, strategy = current_app.extensions[_LOGIN_KEY]
    prefix = current_app.config["RATELIMIT_KEY_PREFIX"]
    try:
        for scope, items, key in _login_counters():
            for item in items:
                if not strategy.test(item, prefix, "login", scope, key):
                    reset = strategy.get_window_stats(item, prefix, "login", scope, key).reset_time
                    return LoginRefusal(scope, max(1, math.ceil(reset - time.time())))
    except Exception:  # noqa: BLE001 - the storage is down: logged, and the login goes ahead
        logger.exception("login throttle storage failed; the attempt is let through")
    return None


def record_failed_login() -> None:
    """Count one failed login against the account and the address."""
    _, strategy = current_app.extensions[_LOGIN_KEY]
    prefix = current_app.config["RATELIMIT_KEY_PREFIX"]
    try:
        for scope, items, key in _login_counters():
            for item in items:
                strategy.hit(item, prefix, "login", scope, key)
    except Exception:  # noqa: BLE001
        logger.exception("login throttle storage failed; a failed login was not counted")


def login_storage() -> Storage:
    """The storage of the login counters (tests reset it)."""
    return current_app.extensions[_LOGIN_KEY][0]

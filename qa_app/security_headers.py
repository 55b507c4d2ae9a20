"""Security headers on every response: a strict Content-Security-Policy and its companions.

The policy allows no inline script or style at all (no 'unsafe-inline', no nonce): every script
and style sheet is a file under /static, and pages hand data to scripts in `data-*` attributes or
`<script type="application/json">` blocks, which browsers never run. Bars and charts are drawn
with classes, SVG attributes or from static JS, never with `style="…"`.

flask-talisman does the same but has had no release since 2023 (see NOTES.md); one hook is enough.
"""

from __future__ import annotations

from flask import Flask, Response, current_app, request

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",  # data: URIs for small images in style sheets or made by scripts
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    )
)
# Features no page of Kohtaamo uses; denying them keeps an injected frame or script from asking.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
HSTS = "max-age=31536000"  # one year; no includeSubDomains: other sites on the domain are not ours to pin

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
}


def init_app(app: Flask) -> None:
    app.after_request(add_security_headers)


def add_security_headers(response: Response) -> Response:
    """Set the security headers a view has not set itself; HSTS only when the site runs on HTTPS."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if current_app.config.get("SESSION_COOKIE_SECURE") or request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    return response

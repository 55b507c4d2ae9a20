"""WSGI entry point: `gunicorn wsgi:app` or any WSGI server."""

from qa_app import create_app

app = create_app()

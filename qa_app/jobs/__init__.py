"""RQ tasks, in one place; each calls one service (`qa_app.services.jobs`). See tasks.py."""

"""Authoring: trainers' drafts, publishing, Try it and assignments. No Flask here."""

"""Tests for offline language detection."""

from __future__ import annotations

import pytest

from qa_app.grading.langdetect import detect_language


@pytest.mark.parametrize("text, language", [
    ("Kiitos, selvä juttu.", "fi"), ("Tack så mycket!", "sv"), ("Thanks, got it.", "en"),
    ("Hei! Tilauksesi on matkalla ja saapuu huomenna.", "fi"),
    ("Hej! Din beställning är på väg.", "sv"), ("Your order is on its way.", "en"),
    ("Pahoittelut viiveestä", "fi"), ("Vi beklagar förseningen", "sv"),
    ("Hi Anna, I refunded the 5,18 € charge.", "en"),
])
def test_detects_short_replies(text: str, language: str) -> None:
    """Short replies are detected in the right language."""
    assert detect_language(text) == language


@pytest.mark.parametrize("text", ["OK", "👍", "123", "..."])
def test_ambiguous_input_defaults_to_english(text: str) -> None:
    """Tiny ambiguous input defaults to English."""
    assert detect_language(text) == "en"

"""Password policy for accounts that are created or given a new password.

A password must be at least 12 characters, must not be the person's e-mail address or name (nor
contain them), and must not be a common password (services/common_passwords.txt, also with
digits or punctuation added at the end). Pure: no Flask, no database.
"""

from __future__ import annotations

import secrets
import string
import unicodedata
from enum import StrEnum
from functools import cache
from pathlib import Path

MIN_LENGTH = 12
MAX_LENGTH = 200
COMMON_FILE = Path(__file__).with_name("common_passwords.txt")
_TAIL = string.digits + string.punctuation + " "
_IDENTITY_MIN = 4  # shorter names and e-mail parts ("li") are not looked for inside passwords


class PasswordProblem(StrEnum):
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    LIKE_IDENTITY = "like_identity"
    COMMON = "common"


MESSAGES = {  # English, for the CLI and logs; forms translate by problem (see auth.passwords)
    PasswordProblem.TOO_SHORT: f"password must be at least {MIN_LENGTH} characters",
    PasswordProblem.TOO_LONG: f"password must be at most {MAX_LENGTH} characters",
    PasswordProblem.LIKE_IDENTITY: "password must not be or contain the user's e-mail address or name",
    PasswordProblem.COMMON: "password is too common or too simple; choose a longer phrase of unrelated words",
}


@cache
def common_passwords() -> frozenset[str]:
    """The common-password stems, lower case (loaded once)."""
    lines = COMMON_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(_fold(line) for line in lines if line.strip() and not line.startswith("#"))


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip().casefold()


def _letters_and_digits(text: str) -> str:
    return "".join(ch for ch in _fold(text) if ch.isalnum())


def password_problem(password: str, email: str = "", name: str = "") -> PasswordProblem | None:
    """Return what is wrong with `password` for the user with `email` and `name`, or None."""
    if len(password) < MIN_LENGTH:
        return PasswordProblem.TOO_SHORT
    if len(password) > MAX_LENGTH:
        return PasswordProblem.TOO_LONG
    plain = _letters_and_digits(password)
    local_part = email.partition("@")[0]
    identities = {_letters_and_digits(part) for part in (email, local_part, name)}
    identities |= {_letters_and_digits(word) for word in name.split()}
    if any(len(identity) >= _IDENTITY_MIN and identity in plain for identity in identities):
        return PasswordProblem.LIKE_IDENTITY
    folded = _fold(password)
    common = common_passwords()
    if folded in common or folded.rstrip(_TAIL) in common or plain in common \
            or plain.rstrip(string.digits) in common or plain.isdigit() or len(set(folded)) < 5:
        return PasswordProblem.COMMON
    return None


def generate_password(email: str = "", name: str = "", prefix: str = "") -> str:
    """Return a random password (`prefix` + 12 random characters) that passes the policy."""
    while True:
        candidate = prefix + secrets.token_urlsafe(9)
        if password_problem(candidate, email, name) is None:
            return candidate

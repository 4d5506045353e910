"""The Member aggregate: the people of the club, who review (and borrow) books.

A nickname is what people are known by in the club, so two members may not have nicknames
that read the same: uniqueness ignores case and accents (``core.domain.ordering.fold``). The
email is optional (reminders) and checked by ``email-validator``, without network look-ups.
"""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from email_validator import EmailNotValidError, validate_email
from pydantic import AfterValidator

from core.bus import Model

from .control import has_control
from .ordering import fold

MemberId = UUID
"""Identifier of a member."""
MAX_NICKNAME_LENGTH = 80


def clean_nickname(value: str) -> str:
    """Nickname rules: trimmed, 1-80 characters, no control characters.

    Raises ``ValueError`` with a phrase that reads after the field's name ("Nickname ...").
    """
    text = value.strip()
    if not text:
        raise ValueError("is required")
    if len(text) > MAX_NICKNAME_LENGTH:
        raise ValueError(f"is longer than {MAX_NICKNAME_LENGTH} characters ({len(text)})")
    if has_control(text):
        raise ValueError("contains a control character")
    return text


def clean_email(value: str) -> str:
    """An email address in its normalised form, or ``""`` for none."""
    text = value.strip()
    if not text:
        return ""
    try:
        return validate_email(text, check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise ValueError(f"is not a valid address: {error}") from None


def nickname_key(nickname: str) -> str:
    """What two nicknames must not share: the folded text (case and accents ignored)."""
    return fold(nickname.strip())


Nickname = Annotated[str, AfterValidator(clean_nickname)]
"""A member's nickname."""
Email = Annotated[str, AfterValidator(clean_email)]
"""An optional email address (``""`` when none)."""


class Member(Model):
    """A member of the club. A removed member is kept by the read side, so that their
    reviews stay, shown under their nickname as a former member."""

    id: MemberId
    nickname: Nickname
    email: Email = ""

    @property
    def key(self) -> str:
        """The nickname as uniqueness compares it."""
        return nickname_key(self.nickname)

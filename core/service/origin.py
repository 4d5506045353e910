"""Where a change came from: who issued it and on which desktop, kept with every stored message.

The composition root decides it once per opened catalogue (the operating-system user and the
host name of the window or command line) and gives it to the units of work; the message store
keeps it as one text, ``user@host`` (a host name has no ``@``), and the history shows it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Origin:
    """The operating-system ``user`` and the ``host`` name a change was issued from (either
    may be empty when the system did not say)."""

    user: str
    host: str

    def stored(self) -> str | None:
        """The text the message store keeps (``None`` when nothing is known)."""
        return f"{self.user}@{self.host}" if self.user or self.host else None

    @classmethod
    def from_stored(cls, text: str | None) -> Origin | None:
        """The origin again from :meth:`stored`'s text (``None``: unknown, an old message)."""
        if not text:
            return None
        user, _, host = text.rpartition("@")
        return cls(user, host)

"""``Ok`` / ``Err`` results, the surface of the unmaintained ``result`` package we need."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, NoReturn


class UnwrapError(Exception):
    """``unwrap()`` of an ``Err`` or ``unwrap_err()`` of an ``Ok``."""


@dataclass(frozen=True, slots=True)
class Ok[T]:
    """A successful result holding ``value``."""

    value: T

    def is_ok(self) -> Literal[True]:
        """True."""
        return True

    def is_err(self) -> Literal[False]:
        """False."""
        return False

    def unwrap(self) -> T:
        """The value."""
        return self.value

    def unwrap_err(self) -> NoReturn:
        """Raises :class:`UnwrapError`: an ``Ok`` holds no error."""
        raise UnwrapError(f"called unwrap_err() on {self!r}")


@dataclass(frozen=True, slots=True)
class Err[E]:
    """A failed result holding ``error``."""

    error: E

    def is_ok(self) -> Literal[False]:
        """False."""
        return False

    def is_err(self) -> Literal[True]:
        """True."""
        return True

    def unwrap(self) -> NoReturn:
        """Raises :class:`UnwrapError`: an ``Err`` holds no value."""
        raise UnwrapError(f"called unwrap() on {self!r}")

    def unwrap_err(self) -> E:
        """The error."""
        return self.error


type Result[T, E] = Ok[T] | Err[E]
"""Either ``Ok(value)`` or ``Err(error)``."""

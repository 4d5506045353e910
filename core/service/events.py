"""The event feed port: how committed events reach the catalogue's subscribers (the window).

On a local file they come from this process's commits; on a shared catalogue from every
desktop's. Subscribers get each event once, in commit order.
"""

from __future__ import annotations

import abc
import enum
from collections.abc import Callable
from typing import Any

from core.bus import Message

type Subscriber = Callable[[Message[Any]], None]
"""Receives each published event of a committed transaction."""
type StatusSubscriber = Callable[[LinkState], None]
"""Receives each change of the feed's connection state."""


class LinkState(enum.StrEnum):
    """Whether events of other desktops arrive live."""

    online = "online"
    """Listening: every committed event arrives."""
    offline = "offline"
    """The connection was lost; reconnecting. Events are not heard."""
    resynced = "resynced"
    """Back online after a loss: events committed meanwhile were missed; reload."""


class AbstractEventFeed(abc.ABC):
    """Delivers committed events to subscribers; :meth:`start` before, :meth:`aclose` after."""

    @property
    @abc.abstractmethod
    def shared(self) -> bool:
        """Whether other desktops write to the same catalogue."""

    @property
    @abc.abstractmethod
    def online(self) -> bool:
        """Whether other desktops' events arrive live now (always, for a local file)."""

    @abc.abstractmethod
    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        """Call ``callback`` with each committed event; the returned function unsubscribes."""

    @abc.abstractmethod
    def subscribe_status(self, callback: StatusSubscriber) -> Callable[[], None]:
        """Call ``callback`` with each :class:`LinkState` change; the returned function
        unsubscribes. ``resynced`` means: read again what is shown."""

    async def start(self) -> None:  # noqa: B027 - a feed may need nothing started
        """Start hearing other desktops; raises if their source cannot be reached."""

    async def aclose(self) -> None:  # noqa: B027
        """Stop hearing other desktops."""

"""The message bus: handler registration, scanning, and handling a command."""

from __future__ import annotations

import importlib
import inspect
import logging
import pkgutil
import types
import typing
import weakref
from collections.abc import Callable, Coroutine, Iterator
from types import ModuleType
from typing import Any, Generic, TypeVar

from .dependency import AsyncMessageHandler, AsyncMessageHook, DependencyScope
from .messages import GenericCommand, GenericEvent, Message
from .observability import AbstractMetricsStore, SinkholeMetricsStore
from .repository import AsyncAbstractMessageStoreRepository
from .unit_of_work import AsyncAbstractUnitOfWork, AsyncUnitOfWorkTransaction

log = logging.getLogger(__name__)

TAsyncUow = TypeVar("TAsyncUow", bound=AsyncAbstractUnitOfWork[Any, Any, Any])
THandler = TypeVar("THandler", bound=AsyncMessageHandler)

_listeners: weakref.WeakSet[Callable[..., Any]] = weakref.WeakSet()


class ConfigurationError(RuntimeError):
    """A handler or a scan cannot be registered as asked."""


def async_listen(wrapped: THandler) -> THandler:
    """Mark ``async def handler(message, uow, **dependencies)`` for :meth:`AsyncMessageBus.scan`.

    The message type is the annotation of the first parameter. Returns the function itself.
    """
    _listeners.add(wrapped)
    return wrapped


def _message_types(handler: Callable[..., Any]) -> tuple[type[Message[Any]], ...]:
    """The message types of a handler: its first parameter's annotation, a union of several
    (``A | B``), or a ``type`` alias of either."""
    code = getattr(handler, "__code__", None)
    if code is not None and code.co_argcount and not hasattr(handler, "__wrapped__"):
        first: str | None = code.co_varnames[0]
    else:
        first = next(iter(inspect.signature(handler).parameters), None)
    annotations = getattr(handler, "__annotations__", {})
    annotation = annotations.get(first) if first is not None else None
    if isinstance(annotation, str):  # from __future__ import annotations
        annotation = typing.get_type_hints(handler).get(first)  # type: ignore[arg-type]
    if annotation is None:
        raise ConfigurationError(
            f"{handler.__qualname__}: annotate the first parameter with the message type"
        )
    if isinstance(annotation, typing.TypeAliasType):
        annotation = annotation.__value__
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return typing.get_args(annotation)
    return (annotation,)


def _modules(name: str) -> Iterator[ModuleType]:
    module = importlib.import_module(name)
    yield module
    if hasattr(module, "__path__"):
        for info in pkgutil.walk_packages(module.__path__, prefix=f"{name}."):
            yield importlib.import_module(info.name)


class AsyncMessageBus(Generic[TAsyncUow]):
    """Routes each command to its one handler and each event to all of its listeners.

    ``AsyncMessageBus(**factories)`` takes zero-argument factories of the dependencies handlers
    ask for by parameter name; each is created only when a handler of a ``handle()`` needs it.
    """

    def __init__(self, **dependencies: Callable[[], Any]) -> None:
        self.commands_registry: dict[type[GenericCommand[Any]], AsyncMessageHook] = {}
        self.events_registry: dict[type[GenericEvent[Any]], list[AsyncMessageHook]] = {}
        self.dependencies = dependencies
        self._scanned: set[str] = set()

    def add_listener(self, msg_type: type[Message[Any]], callback: AsyncMessageHandler) -> None:
        """Register ``callback`` for ``msg_type``.

        One handler per command class, any number per event class (called in registration
        order). Raises :class:`ConfigurationError` for a second command handler, the same event
        handler twice, a type that is not a command or event class, or a non-async callback.
        """
        if not inspect.iscoroutinefunction(callback):
            raise ConfigurationError(f"{callback!r} must be an async function")
        hook = AsyncMessageHook.of(callback)
        if isinstance(msg_type, type) and issubclass(msg_type, GenericCommand):
            known = self.commands_registry.get(msg_type)
            if known is not None:
                raise ConfigurationError(
                    f"{msg_type.__name__} already has a handler, {known.callback.__qualname__}; "
                    f"a command has exactly one (tried {callback.__qualname__})"
                )
            self.commands_registry[msg_type] = hook
        elif isinstance(msg_type, type) and issubclass(msg_type, GenericEvent):
            hooks = self.events_registry.setdefault(msg_type, [])
            if any(h.callback is callback for h in hooks):
                raise ConfigurationError(
                    f"{callback.__qualname__} already listens to {msg_type.__name__}"
                )
            hooks.append(hook)
        else:
            raise ConfigurationError(f"{msg_type!r} is not a command or event class")

    def remove_listener(self, msg_type: type[Message[Any]], callback: AsyncMessageHandler) -> None:
        """Unregister ``callback`` from ``msg_type``; ``ConfigurationError`` if it was not there."""
        if isinstance(msg_type, type) and issubclass(msg_type, GenericCommand):
            known = self.commands_registry.get(msg_type)
            if known is None or known.callback is not callback:
                raise ConfigurationError(f"{callback!r} does not handle {msg_type.__name__}")
            del self.commands_registry[msg_type]
        elif isinstance(msg_type, type) and issubclass(msg_type, GenericEvent):
            hooks = self.events_registry.get(msg_type, [])
            kept = [h for h in hooks if h.callback is not callback]
            if len(kept) == len(hooks):
                raise ConfigurationError(f"{callback!r} does not listen to {msg_type.__name__}")
            if kept:
                self.events_registry[msg_type] = kept
            else:
                del self.events_registry[msg_type]
        else:
            raise ConfigurationError(f"{msg_type!r} is not a command or event class")

    def scan(self, *mods: str) -> None:
        """Import the named modules and packages (recursively) and register the handlers
        marked with :func:`async_listen` that are defined in them.

        Names must be absolute (``ValueError`` otherwise). Scanning a module twice into one bus
        is a :class:`ConfigurationError`.
        """
        for name in mods:
            if not name or name.startswith("."):
                raise ValueError(f"scan() takes absolute module names, not {name!r}")
            for module in _modules(name):
                self._scan_module(module)

    def _scan_module(self, module: ModuleType) -> None:
        if module.__name__ in self._scanned:
            raise ConfigurationError(f"module {module.__name__} was already scanned into this bus")
        self._scanned.add(module.__name__)
        for obj in list(vars(module).values()):
            if getattr(obj, "__module__", None) == module.__name__ and obj in _listeners:
                for message_type in _message_types(obj):
                    self.add_listener(message_type, obj)

    @inspect.markcoroutinefunction
    def handle(
        self,
        command: GenericCommand[Any],
        uow: AsyncUnitOfWorkTransaction[TAsyncUow],
        **transient_dependencies: Any,
    ) -> Coroutine[Any, Any, Any]:
        """Handle ``command`` and every message it leads to, in FIFO order, inside ``uow``.

        After each handler the events raised by the models in the repositories' ``seen`` lists
        join the queue; every processed message is then added to the message store. Returns
        what the command's handler returned. The first exception from a handler stops
        processing and propagates.
        """
        # Awaited as ``async def`` is, but the coroutine returned is the one doing the work:
        # one frame less per command, and the sinkhole's timer is not entered (0.2 µs).
        metrics = uow.uow.metrics_store
        if type(metrics) is SinkholeMetricsStore:
            return self._process(command, uow, transient_dependencies, None)
        return self._timed(command, uow, transient_dependencies, metrics)

    async def _timed(
        self,
        command: GenericCommand[Any],
        tx: AsyncUnitOfWorkTransaction[TAsyncUow],
        transient_dependencies: dict[str, Any],
        metrics: AbstractMetricsStore,
    ) -> Any:
        with metrics.command_processing_timer(command):
            return await self._process(command, tx, transient_dependencies, metrics)

    async def _process(
        self,
        command: GenericCommand[Any],
        tx: AsyncUnitOfWorkTransaction[TAsyncUow],
        transient_dependencies: dict[str, Any],
        metrics: AbstractMetricsStore | None,
    ) -> Any:
        """The work of :meth:`handle`; ``metrics`` is ``None`` for the sinkhole."""
        if tx._repositories is None:  # bound, handlers read tx.books without forwarding
            tx.bind_repositories()
        scope, result, store = None, None, tx.uow.messagestore
        commands, events = self.commands_registry, self.events_registry
        # The store's _add, when its add is the base class's: the bus then does the rest of
        # add itself, one coroutine less per message.
        store_message = store._add if type(store).add is _BASE_ADD else None
        # A FIFO queue: iterating a list visits what is appended while it runs, in order, and
        # reads each message once (no pop from the front).
        queue: list[Message[Any]] = [command]
        extend = queue.extend
        for message in queue:
            msg_type: Any = type(message)
            hook = commands.get(msg_type)
            hooks = events.get(msg_type, ()) if hook is None else (hook,)
            if not hooks:
                _check_unhandled(message)
            if metrics is not None:
                metrics.inc_messages_processed_total(message.metadata)
            for hook in hooks:
                if hook.needs_dependencies:
                    if scope is None:
                        scope = DependencyScope(self.dependencies, transient_dependencies, tx)
                    returned = await hook.callback(message, tx, **scope.arguments(hook))
                else:
                    returned = await hook.callback(message, tx)
                if message is command:
                    result = returned
                # drain_seen, inline (it runs per handler), over the repositories bound now
                for repository in tx._repositories or ():
                    seen = repository.seen
                    if seen:
                        for model in seen:
                            raised = model.messages
                            if raised:
                                extend(raised)
                                raised.clear()
                        seen.clear()
            if store_message is None:
                await store.add(message)
            else:
                await store_message(message)
                if message.metadata.published:
                    store.stream_buffer.append(message)
        return result


_BASE_ADD = AsyncAbstractMessageStoreRepository.add


def _check_unhandled(message: object) -> None:
    if isinstance(message, GenericCommand):
        log.warning("no handler for command %s: %r", message.metadata.type_string, message)
    elif not isinstance(message, GenericEvent):
        raise RuntimeError(f"{message!r} is not a command or an event")

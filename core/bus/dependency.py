"""Dependencies that handlers receive by parameter name, and the hooks that hold handlers."""

from __future__ import annotations

import abc
import inspect
from collections.abc import Callable, Coroutine, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .unit_of_work import AsyncUnitOfWorkTransaction

AsyncMessageHandler = Callable[..., Coroutine[Any, Any, Any]]
"""``async def handler(message, uow, **dependencies)``."""


class MissingDependencyError(RuntimeError):
    """A handler needs a dependency that neither the bus nor ``handle()`` provides."""


class AsyncDependency(abc.ABC):
    """A resource handlers use, told how the transaction that used it ended."""

    @abc.abstractmethod
    async def on_after_commit(self) -> None:
        """The transaction that used this dependency committed."""

    @abc.abstractmethod
    async def on_after_rollback(self) -> None:
        """The transaction that used this dependency rolled back."""


class AsyncMessageHook:
    """A registered handler and the names of the dependencies it asks for.

    ``dependencies`` (required) and ``optional_dependencies`` (parameters with a default) are
    lists of parameter names, in order, as in messagebus.
    """

    def __init__(
        self,
        callback: AsyncMessageHandler,
        dependencies: list[str],
        optional_dependencies: list[str],
    ) -> None:
        self.callback = callback
        self.dependencies = dependencies
        self.optional_dependencies = optional_dependencies
        self.needs_dependencies = bool(dependencies or optional_dependencies)

    @classmethod
    def of(cls, callback: AsyncMessageHandler) -> AsyncMessageHook:
        """Read the dependencies from the parameters after ``(message, uow)``."""
        params = [
            p
            for p in inspect.signature(callback).parameters.values()
            if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        ]
        extra = params[2:]
        return cls(
            callback,
            [p.name for p in extra if p.default is p.empty],
            [p.name for p in extra if p.default is not p.empty],
        )

    def __repr__(self) -> str:
        return f"<AsyncMessageHook {self.callback.__module__}.{self.callback.__qualname__}>"


class DependencyScope:
    """The dependencies of one ``handle()`` call, created only when a handler needs them."""

    def __init__(
        self,
        factories: Mapping[str, Callable[[], Any]],
        transient: Mapping[str, Any],
        transaction: AsyncUnitOfWorkTransaction[Any],
    ) -> None:
        self._factories = factories
        self._values = dict(transient)
        self._transaction = transaction
        self._used: set[str] = set()

    def arguments(self, hook: AsyncMessageHook) -> dict[str, Any]:
        """The keyword arguments to call ``hook`` with."""
        kwargs = {}
        for name in hook.dependencies:
            if not self._provides(name):
                raise MissingDependencyError(
                    f"handler {hook.callback.__qualname__} needs the dependency {name!r}, "
                    "which neither the bus nor handle() provides"
                )
            kwargs[name] = self._use(name)
        for name in hook.optional_dependencies:
            if self._provides(name):
                kwargs[name] = self._use(name)
        return kwargs

    def _provides(self, name: str) -> bool:
        return name in self._values or name in self._factories

    def _use(self, name: str) -> Any:
        if name not in self._values:
            self._values[name] = self._factories[name]()
        value = self._values[name]
        if name not in self._used:
            self._used.add(name)
            if isinstance(value, AsyncDependency):
                self._transaction.add_listener(value)
        return value

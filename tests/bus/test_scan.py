"""Scanning packages for handlers marked with ``@async_listen``."""

from __future__ import annotations

from typing import Any

import pytest

from core.bus import AsyncMessageBus, ConfigurationError

from . import union_handlers
from .fakes import NotesUnitOfWork
from .scan_fixtures import pkg_a
from .scan_fixtures.messages import ScannedCommand, ScannedEvent, SiblingEvent
from .scan_fixtures.pkg_a import handlers
from .scan_fixtures.pkg_a.sub import deep
from .scan_fixtures.pkg_ab import handlers as sibling_handlers

PKG_A = "tests.bus.scan_fixtures.pkg_a"
PKG_AB = "tests.bus.scan_fixtures.pkg_ab"


def event_callbacks(bus: AsyncMessageBus[Any], event_type: type[Any]) -> list[Any]:
    """The callbacks listening to ``event_type``, in registration order."""
    return [hook.callback for hook in bus.events_registry.get(event_type, [])]


def test_scanning_a_package_registers_the_handlers_of_its_modules_recursively(
    bus: AsyncMessageBus[Any],
) -> None:
    """Handlers in the package, its modules and its subpackages are all registered."""
    bus.scan(PKG_A)
    assert bus.commands_registry[ScannedCommand].callback is handlers.handle_scanned_command
    assert set(event_callbacks(bus, ScannedEvent)) == {
        pkg_a.note_in_package_init,
        deep.note_deep_down,
    }


def test_a_lazily_annotated_handler_is_registered_for_its_message_type(
    bus: AsyncMessageBus[Any],
) -> None:
    """A module using ``from __future__ import annotations`` still yields the real type."""
    bus.scan(f"{PKG_A}.handlers")
    assert list(bus.commands_registry) == [ScannedCommand]


def test_an_eagerly_annotated_handler_is_registered_for_its_message_type(
    bus: AsyncMessageBus[Any],
) -> None:
    """A module without postponed annotations is scanned just the same."""
    bus.scan(f"{PKG_A}.sub.deep")
    assert event_callbacks(bus, ScannedEvent) == [deep.note_deep_down]


def test_a_handler_without_the_decorator_is_not_registered(bus: AsyncMessageBus[Any]) -> None:
    """Only functions marked with ``@async_listen`` are picked up."""
    bus.scan(PKG_A)
    assert handlers.not_marked not in event_callbacks(bus, ScannedEvent)


def test_scanning_respects_the_dot_boundary_of_module_names(bus: AsyncMessageBus[Any]) -> None:
    """Scanning ``pkg_a`` does not pick the handlers of its sibling ``pkg_ab``."""
    bus.scan(PKG_A)
    assert SiblingEvent not in bus.events_registry


def test_a_handler_imported_from_an_unscanned_module_is_not_registered(
    bus: AsyncMessageBus[Any],
) -> None:
    """A marked handler is registered only by scanning the module that defines it."""
    bus.scan(f"{PKG_A}.handlers")
    assert handlers.note_sibling_event is sibling_handlers.note_sibling_event
    assert event_callbacks(bus, SiblingEvent) == []


def test_the_sibling_package_registers_its_own_handler(bus: AsyncMessageBus[Any]) -> None:
    """Scanning ``pkg_ab`` registers its handler and nothing of ``pkg_a``."""
    bus.scan(PKG_AB)
    assert event_callbacks(bus, SiblingEvent) == [sibling_handlers.note_sibling_event]
    assert ScannedCommand not in bus.commands_registry


def test_scanning_the_parent_package_registers_both_siblings(bus: AsyncMessageBus[Any]) -> None:
    """A scan of the common parent walks into ``pkg_a`` and ``pkg_ab`` alike."""
    bus.scan("tests.bus.scan_fixtures")
    assert bus.commands_registry[ScannedCommand].callback is handlers.handle_scanned_command
    assert event_callbacks(bus, SiblingEvent) == [sibling_handlers.note_sibling_event]


def test_a_handler_imported_into_another_scanned_module_is_registered_once(
    bus: AsyncMessageBus[Any],
) -> None:
    """Re-exporting a command handler does not make it a second handler of its command."""
    bus.scan(f"{PKG_A}.handlers", f"{PKG_A}.reexport")
    assert bus.commands_registry[ScannedCommand].callback is handlers.handle_scanned_command


def test_scan_takes_several_module_names(bus: AsyncMessageBus[Any]) -> None:
    """One scan call may name several modules."""
    bus.scan(f"{PKG_A}.sub.deep", PKG_AB)
    assert event_callbacks(bus, ScannedEvent) == [deep.note_deep_down]
    assert event_callbacks(bus, SiblingEvent) == [sibling_handlers.note_sibling_event]


def test_a_relative_module_name_is_a_value_error(bus: AsyncMessageBus[Any]) -> None:
    """A name starting with a dot is refused with a message quoting it."""
    with pytest.raises(ValueError, match=r"\.pkg_a"):
        bus.scan(".pkg_a")


def test_scanning_the_same_module_twice_into_one_bus_is_a_configuration_error(
    bus: AsyncMessageBus[Any],
) -> None:
    """A second scan of one module is refused rather than registering handlers twice."""
    bus.scan(f"{PKG_A}.sub.deep")
    with pytest.raises(ConfigurationError):
        bus.scan(f"{PKG_A}.sub.deep")
    assert event_callbacks(bus, ScannedEvent) == [deep.note_deep_down]


def test_scanning_a_module_without_handlers_twice_is_a_configuration_error(
    bus: AsyncMessageBus[Any],
) -> None:
    """The guard is on the module itself, not a side effect of registering its handlers."""
    bus.scan("tests.bus.scan_fixtures.messages")
    with pytest.raises(ConfigurationError):
        bus.scan("tests.bus.scan_fixtures.messages")


def test_scanning_a_module_already_scanned_through_its_package_is_a_configuration_error(
    bus: AsyncMessageBus[Any],
) -> None:
    """Scanning a package then one of its modules scans that module twice."""
    bus.scan(PKG_A)
    with pytest.raises(ConfigurationError):
        bus.scan(f"{PKG_A}.handlers")


def test_two_buses_can_scan_the_same_package() -> None:
    """The scan guard is per bus: each bus gets its own registrations."""
    first: AsyncMessageBus[Any] = AsyncMessageBus()
    second: AsyncMessageBus[Any] = AsyncMessageBus()
    first.scan(PKG_A)
    second.scan(PKG_A)
    assert first.commands_registry.keys() == second.commands_registry.keys() == {ScannedCommand}


async def test_a_scanned_bus_handles_the_command(
    bus: AsyncMessageBus[Any], uow: NotesUnitOfWork
) -> None:
    """The scanned handler answers its command through ``handle``."""
    bus.scan(PKG_A)
    async with uow as tx:
        result = await bus.handle(ScannedCommand(label="hello"), tx)
        await tx.commit()
    assert result == "scanned hello"


def test_a_handler_annotated_with_a_union_listens_to_each_of_its_events(
    bus: AsyncMessageBus[Any],
) -> None:
    """``event: A | B`` (or a ``type`` alias of it) registers the handler for A and for B."""
    bus.scan("tests.bus.union_handlers")
    both = [union_handlers.note_either, union_handlers.note_through_alias]
    assert event_callbacks(bus, ScannedEvent) == both
    assert event_callbacks(bus, SiblingEvent) == both

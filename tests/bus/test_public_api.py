"""The public names of core.bus, matching the async API of ``messagebus``."""

from __future__ import annotations

from pathlib import Path

import pydantic
import pytest

import core.bus

PUBLIC_NAMES = [
    "Message",
    "GenericCommand",
    "GenericEvent",
    "Command",
    "Event",
    "GenericModel",
    "Model",
    "Metadata",
    "TMetadata",
    "Field",
    "MessageId",
    "AsyncMessageBus",
    "async_listen",
    "ConfigurationError",
    "AsyncAbstractUnitOfWork",
    "AsyncUnitOfWorkTransaction",
    "TransactionStatus",
    "TransactionError",
    "AsyncAbstractRepository",
    "AsyncAbstractMessageStoreRepository",
    "AsyncSinkholeMessageStoreRepository",
    "AsyncEventstreamPublisher",
    "AsyncAbstractEventstreamTransport",
    "AsyncSinkholeEventstreamTransport",
    "AbstractMessageSerializer",
    "MessageSerializer",
    "AsyncDependency",
    "MissingDependencyError",
    "AbstractMetricsStore",
    "SinkholeMetricsStore",
]


@pytest.mark.parametrize("name", PUBLIC_NAMES)
def test_every_documented_name_is_exported_by_core_bus(name: str) -> None:
    """Each name of the contract is importable from core.bus and listed in ``__all__``."""
    assert hasattr(core.bus, name)
    assert name in core.bus.__all__


def test_field_is_pydantics_field() -> None:
    """core.bus.Field is pydantic's own Field, not a look-alike."""
    assert core.bus.Field is pydantic.Field


def test_the_transaction_statuses_are_the_five_documented_ones() -> None:
    """TransactionStatus has running, committed, rolledback, streaming and closed."""
    names = {status.name for status in core.bus.TransactionStatus}
    assert names == {"running", "committed", "rolledback", "streaming", "closed"}


def test_the_readme_lists_the_differences_from_messagebus() -> None:
    """core/bus/README.md documents every deviation under "Differences from messagebus"."""
    readme = Path(core.bus.__file__).with_name("README.md")
    assert readme.is_file(), f"{readme} is missing"
    assert "Differences from messagebus" in readme.read_text(encoding="utf-8")

"""core.bus — an in-process async message bus with the API of the ``messagebus`` library.

Code written against ``messagebus``'s async API runs after replacing ``from messagebus import``
with ``from core.bus import``; ``README.md`` beside this file lists where behaviour differs.
"""

from pydantic import Field

from .dependency import AsyncDependency, MissingDependencyError
from .eventstream import (
    AbstractMessageSerializer,
    AsyncAbstractEventstreamTransport,
    AsyncEventstreamPublisher,
    AsyncSinkholeEventstreamTransport,
    EventstreamDeliveryError,
    MessageSerializer,
)
from .messages import (
    Command,
    Event,
    GenericCommand,
    GenericEvent,
    Message,
    MessageId,
    Metadata,
    TMetadata,
    message_class,
)
from .model import GenericModel, Model
from .observability import AbstractMetricsStore, SinkholeMetricsStore
from .registry import AsyncMessageBus, ConfigurationError, async_listen
from .repository import (
    AsyncAbstractMessageStoreRepository,
    AsyncAbstractRepository,
    AsyncSinkholeMessageStoreRepository,
)
from .unit_of_work import (
    AsyncAbstractUnitOfWork,
    AsyncUnitOfWorkTransaction,
    TransactionError,
    TransactionStatus,
)

__all__ = [
    "AbstractMessageSerializer",
    "AbstractMetricsStore",
    "AsyncAbstractEventstreamTransport",
    "AsyncAbstractMessageStoreRepository",
    "AsyncAbstractRepository",
    "AsyncAbstractUnitOfWork",
    "AsyncDependency",
    "AsyncEventstreamPublisher",
    "AsyncMessageBus",
    "AsyncSinkholeEventstreamTransport",
    "AsyncSinkholeMessageStoreRepository",
    "AsyncUnitOfWorkTransaction",
    "Command",
    "ConfigurationError",
    "Event",
    "EventstreamDeliveryError",
    "Field",
    "GenericCommand",
    "GenericEvent",
    "GenericModel",
    "Message",
    "MessageId",
    "MessageSerializer",
    "Metadata",
    "MissingDependencyError",
    "Model",
    "SinkholeMetricsStore",
    "TMetadata",
    "TransactionError",
    "TransactionStatus",
    "async_listen",
    "message_class",
]

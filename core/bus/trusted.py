"""Building a model or a message from values that already passed the same rules.

A book imported through the bus used to be validated four times: as its ``RegisterBook``,
as the ``Book`` built from the command's fields, as the ``BookRegistered`` built from the
book's, and its copy #1 once more; each validation after the first runs rules the values
already hold. pydantic's ``model_construct`` skips them but costs more than validating (it
walks every field in Python and inspects each default factory's signature): these functions
set an instance's state exactly as validation leaves it (``__dict__`` in declaration order,
``model_fields_set``, no extra, no private state) at a quarter of the cost. Not part of the
``messagebus`` API.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from pydantic import BaseModel

from .messages import Message, Metadata, _new_message_id, _utcnow
from .model import GenericModel

TBaseModel = TypeVar("TBaseModel", bound=BaseModel)
TModel = TypeVar("TModel", bound=GenericModel[Any])
TMessage = TypeVar("TMessage", bound=Message[Any])

_new = object.__new__
_set = object.__setattr__
_METADATA: dict[type[Message[Any]], Metadata] = {}


def trusted(cls: type[TBaseModel], values: dict[str, Any], given: Iterable[str]) -> TBaseModel:
    """An instance of ``cls`` holding ``values`` as they are, not validated.

    ``values`` holds every field of ``cls``, in declaration order, each already what validating
    it gives (e.g. a field of a validated message annotated with the same type); ``given``
    names the fields a validating call would have passed (its ``model_fields_set``).
    """
    instance = _new(cls)
    _set(instance, "__dict__", values)
    _set(instance, "__pydantic_fields_set__", set(given))
    _set(instance, "__pydantic_extra__", None)
    _set(instance, "__pydantic_private__", None)
    return instance


def trusted_model(cls: type[TModel], fields: dict[str, Any]) -> TModel:
    """The aggregate ``cls(**fields)`` without validating ``fields`` (see :func:`trusted`):
    every field but ``messages``, which starts empty."""
    return trusted(cls, {"messages": [], **fields}, fields)


def trusted_message(cls: type[TMessage], fields: dict[str, Any]) -> TMessage:
    """The message ``cls(**fields)`` without validating ``fields`` (see :func:`trusted`):
    every payload field, in declaration order; a new id, now, and the class's metadata."""
    metadata = _METADATA.get(cls)
    if metadata is None:
        metadata = _METADATA[cls] = cls.model_fields["metadata"].default
    values = {
        "message_id": _new_message_id(),
        "created_at": _utcnow(),
        "metadata": metadata,
        **fields,
    }
    return trusted(cls, values, fields)

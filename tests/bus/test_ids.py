"""New ids are standard-library UUIDv7s, time-ordered, like uuid_utils.compat's."""

from __future__ import annotations

import pickle
from uuid import UUID, SafeUUID

from hypothesis import given
from hypothesis import strategies as st
from uuid_utils.compat import uuid7 as compat_uuid7

from core.bus.ids import uuid7, uuid_text


def test_an_id_is_a_standard_uuid_of_version_7() -> None:
    """The id is a plain ``uuid.UUID`` of version 7 and RFC 4122 variant, safety unknown."""
    made = uuid7()
    assert type(made) is UUID
    assert (made.version, made.variant, made.is_safe) == (
        7,
        "specified in RFC 4122",
        SafeUUID.unknown,
    )


def test_an_id_behaves_as_one_parsed_from_its_text() -> None:
    """The id equals, hashes, prints and pickles as the UUID parsed from its own text."""
    made = uuid7()
    parsed = UUID(str(made))
    assert made == parsed
    assert hash(made) == hash(parsed)
    assert made.hex == parsed.hex
    assert pickle.loads(pickle.dumps(made)) == made


def test_ids_are_time_ordered_with_compat_ones() -> None:
    """Ids made one after the other, by either function, sort in the order they were made."""
    made = [uuid7(), compat_uuid7(), uuid7(), compat_uuid7(), uuid7()]
    assert sorted(made) == made
    assert len(set(made)) == len(made)


@given(st.uuids(allow_nil=True) | st.integers(0, 2**128 - 1).map(lambda value: UUID(int=value)))
def test_an_ids_text_is_the_standard_librarys(value: UUID) -> None:
    """``uuid_text`` writes any UUID as ``str`` does (lowercase 8-4-4-4-12)."""
    assert uuid_text(value) == str(value)


def test_the_text_of_new_and_extreme_ids_is_the_standard_librarys() -> None:
    """New ids, the nil UUID and the all-ones UUID are written as ``str`` writes them."""
    for value in (uuid7(), uuid7(), UUID(int=0), UUID(int=2**128 - 1)):
        assert uuid_text(value) == str(value)

"""``core.domain.messages`` keeps every message name importable from it, whichever module of
the domain defines the message, and the stored type strings never change (a type string
renamed or re-versioned would make every stored message of it unreadable)."""

from __future__ import annotations

import importlib

import pytest

import core.domain.messages as messages
from core.bus import Message, message_class

STORED_TYPES = {
    "AddCopy": ("add_copy_v1", False),
    "BookDeleted": ("book_deleted_v1", True),
    "BookDetailsChanged": ("book_details_changed_v1", True),
    "BookImported": ("book_imported_v1", True),
    "BookRegistered": ("book_registered_v1", True),
    "BookRestored": ("book_restored_v1", True),
    "BookReviewed": ("book_reviewed_v1", True),
    "BookSourceLinked": ("book_source_linked_v1", False),
    "BookTagsChanged": ("book_tags_changed_v1", True),
    "BookUpdated": ("book_updated_v1", True),
    "CancelLoan": ("cancel_loan_v1", False),
    "CopyAdded": ("copy_added_v1", True),
    "CopyLent": ("copy_lent_v1", True),
    "CopyRemoved": ("copy_removed_v1", True),
    "CopyRestored": ("copy_restored_v1", True),
    "CopyReturned": ("copy_returned_v1", True),
    "DeleteBook": ("delete_book_v1", False),
    "DeleteReview": ("delete_review_v1", False),
    "ImportBook": ("import_book_v1", False),
    "LendBook": ("lend_book_v1", False),
    "LendCopy": ("lend_copy_v1", False),
    "LinkBookSource": ("link_book_source_v1", False),
    "LoanCancelled": ("loan_cancelled_v1", True),
    "LoanRenewed": ("loan_renewed_v1", True),
    "LoanReopened": ("loan_reopened_v1", True),
    "LoanRestored": ("loan_restored_v1", True),
    "MemberRegistered": ("member_registered_v1", True),
    "MemberRemoved": ("member_removed_v1", True),
    "MemberRestored": ("member_restored_v1", True),
    "MemberUpdated": ("member_updated_v1", True),
    "RegisterBook": ("register_book_v1", False),
    "RegisterBookV2": ("register_book_v2", False),
    "RegisterMember": ("register_member_v1", False),
    "RemoveCopy": ("remove_copy_v1", False),
    "RemoveMember": ("remove_member_v1", False),
    "RenewLoan": ("renew_loan_v1", False),
    "ReopenLoan": ("reopen_loan_v1", False),
    "RestoreBook": ("restore_book_v1", False),
    "RestoreCopy": ("restore_copy_v1", False),
    "RestoreLoan": ("restore_loan_v1", False),
    "RestoreMember": ("restore_member_v1", False),
    "RestoreReview": ("restore_review_v1", False),
    "ReturnCopy": ("return_copy_v1", False),
    "ReviewBook": ("review_book_v1", False),
    "ReviewDeleted": ("review_deleted_v1", True),
    "ReviewRestored": ("review_restored_v1", True),
    "ReviewUpdated": ("review_updated_v1", True),
    "SetBookDetails": ("set_book_details_v1", False),
    "SetBookTags": ("set_book_tags_v1", False),
    "UpdateBook": ("update_book_v1", False),
    "UpdateMember": ("update_member_v1", False),
    "UpdateReview": ("update_review_v1", False),
}
"""Each message class: its type string as stored, and whether its events are published."""


def _message_classes() -> dict[str, type[Message[object]]]:
    found = {}
    for name in messages.__all__:
        value = getattr(messages, name)
        if isinstance(value, type) and issubclass(value, Message):
            found[name] = value
    return found


def test_every_message_keeps_its_type_string_and_publication() -> None:
    """The same names, type strings and published flags as before the module was split."""
    stored = {
        name: (
            kind.model_fields["metadata"].default.type_string,
            kind.model_fields["metadata"].default.published,
        )
        for name, kind in _message_classes().items()
    }
    assert stored == STORED_TYPES


def test_each_type_string_deserializes_to_the_class_exported_here() -> None:
    """A stored message is read back as the class ``core.domain.messages`` names."""
    for name, (type_string, _published) in STORED_TYPES.items():
        assert message_class(type_string) is getattr(messages, name)


def _base_of_messages(kind: type) -> bool:
    """A base class of messages (``CopyFields``): no metadata of its own, never sent."""
    return issubclass(kind, Message) and kind.model_fields["metadata"].is_required()


@pytest.mark.parametrize(
    "module",
    ["core.domain.book_messages", "core.domain.club_messages", "core.domain.loan_messages"],
)
def test_every_public_name_of_a_message_module_is_reexported(module: str) -> None:
    """Whatever a message module defines is importable from ``core.domain.messages``."""
    defined = importlib.import_module(module)
    public = {
        name
        for name, value in vars(defined).items()
        if not name.startswith("_")
        and isinstance(value, type)
        and value.__module__ == defined.__name__
        and not _base_of_messages(value)
    }
    assert public
    assert public <= set(messages.__all__)
    assert all(getattr(messages, name) is getattr(defined, name) for name in public)

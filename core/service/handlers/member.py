"""Use cases of the Member aggregate: register, update, remove (and restore, for undo).

A refusal is an ``Err(ClubError)`` whose code tells what (``not_found``, ``integrity_error``
for a nickname taken, ``stale`` for an undo over a change made since) and whose message says
it to people.
"""

from __future__ import annotations

from core.bus import async_listen
from core.domain.member import Member, MemberId
from core.domain.messages import (
    MemberRegistered,
    MemberRemoved,
    MemberRestored,
    MemberState,
    MemberUpdated,
    RegisterMember,
    RemoveMember,
    RestoreMember,
    UpdateMember,
)
from core.domain.result import Err, Ok
from core.service.club_repositories import ClubError, ClubResult
from core.service.loan_rules import holding_refusal
from core.service.repositories import BookRepositoryError as Code
from core.service.uow import AbstractCatalogueUnitOfWork


def unknown_member(member_id: MemberId) -> Err[ClubError]:
    """The refusal of a command naming a member who is not (or no longer) in the club."""
    return Err(ClubError(Code.not_found, f"no member has the id {member_id}"))


def _taken(nickname: str) -> Err[ClubError]:
    return Err(ClubError(Code.integrity_error, f'another member is called "{nickname}"'))


async def _current(
    member_id: MemberId, expected: MemberState | None, uow: AbstractCatalogueUnitOfWork
) -> Member | Err[ClubError]:
    """The current member to change, if still what ``expected`` says (an undo)."""
    found = await uow.members.by_id(member_id)
    if found.is_err():
        return unknown_member(member_id)
    member = found.unwrap()
    if expected is not None and (member.nickname, member.email) != (
        expected.nickname,
        expected.email,
    ):
        return Err(ClubError(Code.stale, f'member "{member.nickname}" was changed since'))
    return member


@async_listen
async def register_member(cmd: RegisterMember, uow: AbstractCatalogueUnitOfWork) -> ClubResult:
    """Add a member; ``Err(integrity_error)`` if the nickname (ignoring case and accents) or
    the id is taken."""
    member = Member(id=cmd.id, nickname=cmd.nickname, email=cmd.email)
    if await uow.members.nickname_taken(member):
        return _taken(member.nickname)
    added = await uow.members.add(member)
    if added.is_err():
        return Err(ClubError(added.unwrap_err(), f"a member has the id {member.id} already"))
    member.messages.append(MemberRegistered(id=member.id, nickname=cmd.nickname, email=cmd.email))
    return Ok(...)


@async_listen
async def update_member(cmd: UpdateMember, uow: AbstractCatalogueUnitOfWork) -> ClubResult:
    """Change a member's nickname or email."""
    old = await _current(cmd.id, cmd.if_unchanged, uow)
    if isinstance(old, Err):
        return old
    member = Member(id=cmd.id, nickname=cmd.nickname, email=cmd.email)
    if await uow.members.nickname_taken(member):
        return _taken(member.nickname)
    updated = await uow.members.update(member)
    if updated.is_err():
        return _taken(member.nickname)
    member.messages.append(
        MemberUpdated(
            id=member.id,
            nickname=member.nickname,
            email=member.email,
            old_nickname=old.nickname,
            old_email=old.email,
        )
    )
    return Ok(...)


@async_listen
async def remove_member(cmd: RemoveMember, uow: AbstractCatalogueUnitOfWork) -> ClubResult:
    """Make a member a former member; their reviews stay. Refused (``integrity_error``,
    naming the copy) while they hold a copy."""
    member = await _current(cmd.id, cmd.if_unchanged, uow)
    if isinstance(member, Err):
        return member
    holding = await holding_refusal(member.id, uow)
    if holding is not None:
        return holding
    removed = await uow.members.remove(member)
    if removed.is_err():
        return unknown_member(cmd.id)
    member.messages.append(
        MemberRemoved(id=member.id, nickname=member.nickname, email=member.email)
    )
    return Ok(...)


@async_listen
async def restore_member(cmd: RestoreMember, uow: AbstractCatalogueUnitOfWork) -> ClubResult:
    """Bring a former member back; ``Err(integrity_error)`` if a current member took the
    nickname meanwhile."""
    found = await uow.members.by_id(cmd.id, former=True)
    if found.is_err():
        return unknown_member(cmd.id)
    member = found.unwrap()
    if not (await uow.members.by_id(cmd.id)).is_err():
        return Err(ClubError(Code.stale, f'"{member.nickname}" is a member already'))
    if await uow.members.nickname_taken(member):
        return _taken(member.nickname)
    restored = await uow.members.restore(member)
    if restored.is_err():
        return _taken(member.nickname)
    member.messages.append(
        MemberRestored(id=member.id, nickname=member.nickname, email=member.email)
    )
    return Ok(...)

"""Two desktops on one PostgreSQL catalogue lending the same copy at the same moment: the
unique index over open loans lets exactly one through, the other is told who has it."""

from __future__ import annotations

import asyncio

from core.bootstrap import open_catalogue
from core.domain.messages import LendCopy, ReturnCopy
from core.domain.result import Err, Ok
from core.service.repositories import BookRepositoryError as Code
from tests.club.conftest import ALICE, BOB, DUNE
from tests.support.postgres import empty_pg_catalogue

ROUNDS = 100


async def test_two_desktops_lending_one_copy_at_once_make_one_loan(pg_database: str) -> None:
    """100 times: Alice's and Bob's desktops lend copy #1 of Dune at once; exactly one loan
    is made each time, and the other desktop's refusal names the one who has it."""
    async with open_catalogue(pg_database) as first, open_catalogue(pg_database) as other:
        await empty_pg_catalogue(pg_database)
        for command in (DUNE, ALICE, BOB):
            assert await first.execute(command) == Ok(...)
        (copy,) = await first.views.copies(DUNE.id)
        for _ in range(ROUNDS):
            lends = (
                LendCopy(copy_id=copy.id, member_id=ALICE.id),
                LendCopy(copy_id=copy.id, member_id=BOB.id),
            )
            results = await asyncio.gather(first.execute(lends[0]), other.execute(lends[1]))
            assert sorted(isinstance(r, Ok) for r in results) == [False, True]
            (loan,) = await first.views.loans()
            refused = next(r for r in results if isinstance(r, Err))
            assert refused.error.code is Code.integrity_error
            assert f"is lent to {loan.nickname} until" in refused.error.message
            assert await other.execute(ReturnCopy(loan_id=loan.id)) == Ok(...)

"""Our bus against ``messagebus`` 0.16.1 on the identical workload, interleaved in one run.

Workload per command: ``async with uow`` + ``handle(RegisterBook)`` + ``commit``, with one command
handler (stores a Book, raises BookRegistered) and one event handler, an in-memory unit of work,
a message store keeping both messages and an event stream serializing the published event.
Baselines: the same two handlers called directly, and that plus storing both messages and
serializing the event (the work no bus can avoid).

    python -m bench.bus [--commands 4000] [--rounds 7]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import importlib
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import core.bus
from bench._report import median, report

WORKLOAD = """
from typing import Any
from uuid import UUID
from {bus} import (
    AsyncAbstractEventstreamTransport, AsyncAbstractMessageStoreRepository,
    AsyncAbstractRepository, AsyncAbstractUnitOfWork, AsyncEventstreamPublisher,
    AsyncMessageBus, Command, Event, Metadata, Model, async_listen,
)


class Book(Model):
    id: UUID
    title: str
    author: str
    isbn: str


class RegisterBook(Command):
    id: UUID
    title: str
    author: str
    isbn: str
    metadata: Metadata = Metadata(name="bench_register_book", schema_version=1)


class BookRegistered(Event):
    id: UUID
    title: str
    author: str
    isbn: str
    metadata: Metadata = Metadata(name="bench_book_registered", schema_version=1, published=True)


class Books(AsyncAbstractRepository[Book]):
    def __init__(self) -> None:
        self.seen = []
        self.books: dict[UUID, Book] = {{}}
        self.registered = 0

    async def add(self, book: Book) -> None:
        self.books[book.id] = book
        self.seen.append(book)


class Store(AsyncAbstractMessageStoreRepository):
    def __init__(self, publisher: Any) -> None:
        super().__init__(publisher)
        self.messages: list[Any] = []

    async def _add(self, message: Any) -> None:
        self.messages.append(message)


class Transport(AsyncAbstractEventstreamTransport):
    def __init__(self) -> None:
        self.sent = 0

    async def send_message_serialized(self, message: Any) -> None:
        self.sent += 1


class UnitOfWork(AsyncAbstractUnitOfWork[Books, Store, Any]):
    def __init__(self) -> None:
        self.books = Books()
        self.transport = Transport()
        self.messagestore = Store(AsyncEventstreamPublisher(self.transport))

    async def commit(self) -> None:
        pass

    async def rollback(self) -> None:
        pass


@async_listen
async def register_book(cmd: RegisterBook, uow: Any) -> UUID:
    book = Book(id=cmd.id, title=cmd.title, author=cmd.author, isbn=cmd.isbn)
    await uow.books.add(book)
    book.messages.append(
        BookRegistered(id=cmd.id, title=cmd.title, author=cmd.author, isbn=cmd.isbn)
    )
    return book.id


@async_listen
async def count_registration(evt: BookRegistered, uow: Any) -> None:
    uow.books.registered += 1
"""

SCAN_MODULE = """
from {bus} import Command, Event, Metadata, async_listen

{classes}
{handlers}
"""


def _write_package(root: Path, name: str, source: str) -> ModuleType:
    package = root / name
    package.mkdir()
    (package / "__init__.py").write_text(source)
    return importlib.import_module(name)


def _scan_source(bus: str, count: int) -> str:
    classes, handlers = [], []
    for i in range(count):
        kind = "Command" if i % 2 == 0 else "Event"
        classes.append(
            f"class M{i}({kind}):\n    x: int = 0\n"
            f'    metadata: Metadata = Metadata(name="{bus}_scan_{i}", schema_version=1)\n'
        )
        handlers.append(f"@async_listen\nasync def h{i}(msg: M{i}, uow) -> None:\n    pass\n")
    return SCAN_MODULE.format(bus=bus, classes="\n".join(classes), handlers="\n".join(handlers))


async def _through_bus(mod: ModuleType, bus: Any, commands: list[Any]) -> float:
    uow = mod.UnitOfWork()
    start = time.perf_counter()
    for command in commands:
        async with uow as tx:
            await bus.handle(command, tx)
            await tx.commit()
    elapsed = time.perf_counter() - start
    assert uow.books.registered == len(commands) == uow.transport.sent
    return elapsed


async def _direct(mod: ModuleType, commands: list[Any], store: bool) -> float:
    uow = mod.UnitOfWork()
    serialize = uow.messagestore.publisher.serializer.serialize_message
    start = time.perf_counter()
    for command in commands:
        await mod.register_book(command, uow)
        book = uow.books.seen.pop()
        event = book.messages.pop()
        await mod.count_registration(event, uow)
        if store:
            uow.messagestore.messages.append(command)
            uow.messagestore.messages.append(event)
            await uow.transport.send_message_serialized(serialize(event))
    return time.perf_counter() - start


def _timed(coro: Any) -> float:
    """Run one measurement with the garbage collector paused, as ``timeit`` does."""
    gc.collect()
    gc.disable()
    try:
        return asyncio.run(coro)
    finally:
        gc.enable()


async def _catalogue_handle(count: int) -> list[float]:
    """Per-call time of one ``handle(RegisterBook)`` of the catalogue's own domain (ISBN rules
    included) on the in-memory fake unit of work, inside its transaction."""
    from bench.persistence import isbn13
    from core.domain.messages import RegisterBook
    from tests.fakes.uow import InMemoryUnitOfWork

    bus = core.bus.AsyncMessageBus()
    bus.scan("core.service.handlers")
    uow, samples = InMemoryUnitOfWork(), []
    commands = [
        RegisterBook(title=f"Book {i}", author="Author", isbn=isbn13(i)) for i in range(count)
    ]
    for command in commands:
        async with uow as tx:
            start = time.perf_counter()
            await bus.handle(command, tx)
            samples.append(time.perf_counter() - start)
            await tx.commit()
    return samples


def _scan_time(mod_name: str, bus_cls: Any, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        bus = bus_cls()
        start = time.perf_counter()
        bus.scan(mod_name)
        times.append(time.perf_counter() - start)
    return median(times)


def main(argv: list[str] | None = None) -> dict[str, float]:
    """Run the comparison and print the table and the JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commands", type=int, default=4000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args(argv)

    import messagebus

    with tempfile.TemporaryDirectory() as tmp:
        sys.path.insert(0, tmp)
        ours = _write_package(Path(tmp), "bench_ours", WORKLOAD.format(bus="core.bus"))
        lib = _write_package(Path(tmp), "bench_lib", WORKLOAD.format(bus="messagebus"))
        _write_package(Path(tmp), "scan_ours", _scan_source("core.bus", 50))
        _write_package(Path(tmp), "scan_lib", _scan_source("messagebus", 50))
        our_bus, lib_bus = core.bus.AsyncMessageBus(), messagebus.AsyncMessageBus()
        our_bus.scan("bench_ours")
        lib_bus.scan("bench_lib")
        n = args.commands
        samples: dict[str, list[float]] = {k: [] for k in ("ours", "lib", "direct", "floor")}
        for _ in range(args.rounds):
            ours_cmds = [
                ours.RegisterBook(id=_id(i), title="T", author="A", isbn="1") for i in range(n)
            ]
            lib_cmds = [
                lib.RegisterBook(id=_id(i), title="T", author="A", isbn="1") for i in range(n)
            ]
            samples["lib"].append(_timed(_through_bus(lib, lib_bus, lib_cmds)) / n)
            samples["ours"].append(_timed(_through_bus(ours, our_bus, ours_cmds)) / n)
            samples["direct"].append(_timed(_direct(ours, ours_cmds, store=False)) / n)
            samples["floor"].append(_timed(_direct(ours, ours_cmds, store=True)) / n)
        catalogue = median(asyncio.run(_catalogue_handle(2000))) * 1e6
        scan_ours = _scan_time("scan_ours", core.bus.AsyncMessageBus, args.rounds)
        scan_lib = _scan_time("scan_lib", messagebus.AsyncMessageBus, args.rounds)
        sys.path.remove(tmp)

    us = {k: median(v) * 1e6 for k, v in samples.items()}
    figures = {
        "commands": n,
        "rounds": args.rounds,
        "ours_us": round(us["ours"], 2),
        "messagebus_us": round(us["lib"], 2),
        "direct_handlers_us": round(us["direct"], 2),
        "unavoidable_us": round(us["floor"], 2),
        "ours_vs_messagebus": round(us["ours"] / us["lib"], 3),
        "ours_vs_unavoidable": round(us["ours"] / us["floor"], 3),
        "catalogue_register_book_handle_us": round(catalogue, 2),
        "scan50_ours_ms": round(scan_ours * 1e3, 3),
        "scan50_messagebus_ms": round(scan_lib * 1e3, 3),
        "scan_ours_vs_messagebus": round(scan_ours / scan_lib, 3),
    }
    report(
        "bus",
        [
            ("messagebus 0.16.1, per command", f"{us['lib']:.1f} µs"),
            ("core.bus, per command", f"{us['ours']:.1f} µs"),
            ("handlers called directly", f"{us['direct']:.1f} µs"),
            ("+ store both, serialize event", f"{us['floor']:.1f} µs"),
            ("ours / messagebus (target <= 0.5)", f"{figures['ours_vs_messagebus']:.3f}"),
            ("ours / unavoidable (target <= 1.3)", f"{figures['ours_vs_unavoidable']:.3f}"),
            ("catalogue RegisterBook handle(), fake uow", f"{catalogue:.1f} µs"),
            ("scan 50 handlers, ours", f"{figures['scan50_ours_ms']:.2f} ms"),
            ("scan 50 handlers, messagebus", f"{figures['scan50_messagebus_ms']:.2f} ms"),
        ],
        figures,
    )
    return figures


def _id(i: int) -> Any:
    from uuid import UUID

    return UUID(int=i + 1)


if __name__ == "__main__":
    main()

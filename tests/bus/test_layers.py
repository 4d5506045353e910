"""Import rules: the bus and the inner layers know nothing of Qt or SQL."""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
INNER_PACKAGES = ["core/bus", "core/domain", "core/service"]
FORBIDDEN = {"PySide6", "qasync", "sqlalchemy", "sqlmodel", "aiosqlite", "asyncpg", "alembic"}
BUS_MAY_IMPORT = set(sys.stdlib_module_names) | {"pydantic", "uuid_utils"}


def python_files(package: str) -> list[Path]:
    """Every module of ``package``, a path relative to the project root."""
    return sorted((ROOT / package).rglob("*.py"))


def imports(path: Path) -> Iterator[tuple[int, str, int]]:
    """(line, absolute top-level name or '', relative level) for each import in ``path``."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, 0
        elif isinstance(node, ast.ImportFrom):
            yield node.lineno, node.module or "", node.level


def is_bus_or_allowed(name: str) -> bool:
    """Whether core/bus may import the absolute module ``name``."""
    top_level = name.split(".")[0]
    return name == "core.bus" or name.startswith("core.bus.") or top_level in BUS_MAY_IMPORT


def where(path: Path, line: int) -> str:
    """``path:line`` relative to the project root."""
    return f"{path.relative_to(ROOT)}:{line}"


@pytest.mark.parametrize("package", INNER_PACKAGES)
def test_the_inner_layers_import_no_qt_and_no_sql(package: str) -> None:
    """No module of the bus, the domain or the service layer imports a Qt or SQL library."""
    offenders = [
        f"{where(path, line)} imports {name}"
        for path in python_files(package)
        for line, name, level in imports(path)
        if level == 0 and name.split(".")[0] in FORBIDDEN
    ]
    assert python_files(package), f"{package} has no modules"
    assert offenders == []


def test_the_bus_imports_only_the_stdlib_pydantic_uuid_utils_and_itself() -> None:
    """core/bus depends on nothing else, not even on the rest of core."""
    offenders = []
    for path in python_files("core/bus"):
        for line, name, level in imports(path):
            if level == 1:
                continue
            if level > 1:
                offenders.append(f"{where(path, line)} imports outside core.bus (level {level})")
            elif not is_bus_or_allowed(name):
                offenders.append(f"{where(path, line)} imports {name}")
    assert offenders == []


def test_the_bus_queue_never_pops_from_the_front_of_a_list() -> None:
    """Dequeuing stays O(1): no ``.pop(0)`` anywhere in core/bus."""
    offenders = [
        where(path, node.lineno)
        for path in python_files("core/bus")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "pop"
        and [ast.dump(arg) for arg in node.args] == [ast.dump(ast.Constant(0))]
    ]
    assert offenders == []

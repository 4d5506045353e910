"""Import rules: dependencies point inward, and the window has one door to the core.

- the bus, the domain and the service layer know nothing of Qt or SQL;
- the domain and the service layer know nothing of the adapters or the programs around them;
- the adapters and the import/export jobs know nothing of the window;
- the bridge (the package ``gui/bridge/``) is the only part of ``gui/`` that imports
  ``core``; the rest of the window imports the package itself, never its modules;
- the command line opens the window only on request (a deferred import) and never loads Qt
  for its subcommands.
"""

from __future__ import annotations

import ast
import subprocess
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


def module_name(path: Path) -> str:
    """The dotted name of the module at ``path``."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def absolute(path: Path, name: str, level: int) -> str:
    """The absolute name of an import of ``name`` at ``level`` from the module at ``path``."""
    if level == 0:
        return name
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    base = package[: len(package) - level + 1]
    return ".".join([*base, name] if name else base)


def imported(package: str) -> Iterator[tuple[Path, int, str]]:
    """(module, line, absolute name) of every import in ``package``."""
    for path in python_files(package):
        for line, name, level in imports(path):
            yield path, line, absolute(path, name, level)


def under(name: str, *prefixes: str) -> bool:
    """Whether ``name`` is one of ``prefixes`` or inside one of them."""
    return any(name == prefix or name.startswith(prefix + ".") for prefix in prefixes)


OUTER = ("core.adapters", "core.bootstrap", "core.cli", "core.transfer", "core.tuning", "gui")


@pytest.mark.parametrize("package", ["core/domain", "core/service"])
def test_the_domain_and_the_service_layer_know_nothing_outside_them(package: str) -> None:
    """No module of the domain or the service layer imports an adapter or a program."""
    offenders = [
        f"{where(path, line)} imports {name}"
        for path, line, name in imported(package)
        if under(name, *OUTER)
    ]
    assert offenders == []


@pytest.mark.parametrize("package", ["core/adapters", "core/transfer"])
def test_adapters_and_import_jobs_know_nothing_of_the_window(package: str) -> None:
    """Adapters and import/export jobs import neither the window nor the programs; the jobs
    reach the catalogue only through the service layer's ports."""
    forbidden = ["gui", "core.bootstrap", "core.cli"]
    if package == "core/transfer":
        forbidden.append("core.adapters")
    offenders = [
        f"{where(path, line)} imports {name}"
        for path, line, name in imported(package)
        if under(name, *forbidden) or name.split(".")[0] in {"PySide6", "qasync"}
    ]
    assert offenders == []


BRIDGE = ROOT / "gui" / "bridge"
"""The window's door to the core: a package, in modules of readable size."""


def test_the_bridge_is_the_only_door_from_the_window_to_the_core() -> None:
    """Every module of gui/ outside the bridge package imports nothing of ``core``, and
    imports the bridge as ``gui.bridge``, not its modules."""
    offenders = [
        f"{where(path, line)} imports {name}"
        for path, line, name in imported("gui")
        if BRIDGE not in path.parents
        and (under(name, "core") or (under(name, "gui.bridge") and name != "gui.bridge"))
    ]
    assert python_files("gui/bridge")
    assert offenders == []


def test_the_core_opens_the_window_only_from_the_command_line_on_request() -> None:
    """Only the command line (core/cli/) imports ``gui``, and only inside a function."""
    deferred: list[str] = []
    offenders: list[str] = []
    for path in python_files("core"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top_level = {id(node) for node in tree.body}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and under(node.module or "", "gui"):
                place = where(path, node.lineno)
                in_cli = path.parent.name == "cli" and path.parent.parent.name == "core"
                is_deferred = in_cli and id(node) not in top_level
                (deferred if is_deferred else offenders).append(place)
    assert offenders == []
    assert deferred, "the command line should open the window with a deferred import"


@pytest.mark.parametrize(
    "arguments", [["list"], ["export", "{folder}/out.csv"], ["import", "{folder}/in.csv"]]
)
def test_the_command_line_never_loads_qt(arguments: list[str], tmp_path: Path) -> None:
    """``reading-club list|export|import`` run without PySide6 ever being imported (on a
    catalogue that an import made first: list and export refuse a missing one)."""
    (tmp_path / "in.csv").write_text("title,author,isbn\nDune,Frank Herbert,9780441013593\n")
    (tmp_path / "seed.csv").write_text("title,author,isbn\nEmma,Jane Austen,9780141439587\n")
    database = ["--database", str(tmp_path / "library.sqlite3")]
    argv = [a.format(folder=tmp_path) for a in arguments] + database
    program = (
        "import sys\n"
        "from core.cli import main\n"
        f"assert main({['import', str(tmp_path / 'seed.csv'), *database]!r}) == 0\n"
        f"code = main({argv!r})\n"
        "assert 'PySide6' not in sys.modules, 'Qt was loaded'\n"
        "sys.exit(code)\n"
    )
    finished = subprocess.run(
        [sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert finished.returncode == 0, finished.stderr

"""messagebus's own async test suite, run against ``core.bus``.

    python -m bench.messagebus_suite [--suite PATH [--ref REF]] [--against core.bus|messagebus]

The suite is messagebus's ``tests/_async`` with the ``tests/conftest.py`` and
``tests/test_domain.py`` it shares with the sync suite. It comes from ``--suite`` (a checkout,
a git directory read at ``--ref``, or a folder holding ``tests/_async``), else from the sdist of
messagebus ``--version`` (downloaded into ``--cache``), else from a shallow clone of the tag.
A temporary copy, outside the repository, imports ``core.bus`` instead of ``messagebus``.

An assertion on an error's text (``str(ctx.value)``) is recorded instead of failing, so the
rest of the test still checks behaviour. Each test is then: passed, wording-only (only such
texts differ), a listed deviation (``DEVIATIONS`` names the row of ``core/bus/README.md`` that
explains it and the evidence the failure must show), or unexplained. The last line is one JSON
object with the counts; the exit status is 1 when anything is unexplained.

Not part of ``make test``: it downloads. Run it with ``make compat``.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.messagebus_source import obtain_suite, suite_version

REPO = Path(__file__).resolve().parent.parent
README = REPO / "core" / "bus" / "README.md"
SUITE_FILES = ("tests/__init__.py", "tests/conftest.py", "tests/test_domain.py", "tests/_async")
SUITE_DEPS = ("result>=0.17,<0.18",)  # the suite's own test dependency (Ok/Err)
RESULTS_ENV = "MESSAGEBUS_SUITE_RESULTS"
GROUPS = ("wording-only", "listed deviation", "unexplained", "skipped")


@dataclass(frozen=True)
class Deviation:
    """Why a test of the suite fails on purpose: a row of the README's differences table."""

    row: str
    """The first cell ("behaviour") of the row in ``core/bus/README.md``."""
    evidence: tuple[str, ...]
    """Lines the failure report must show; a differing item of a dict comparison that is not
    among them makes the failure unexplained, so a failure for another reason is not excused."""


_UOW = "tests/_async/test_unit_of_work.py::"
_NO_COMMIT = "Leaving `async with uow` without commit/rollback"
DEVIATIONS: dict[str, Deviation] = {
    # We roll back what a block left unfinished, and report that rollback.
    f"{_UOW}test_transaction_rollback_explicit_commit": Deviation(
        _NO_COMMIT, ("{'transaction_rollback_count': 1} != {'transaction_rollback_count': 0}",)
    ),
    # The same when the block set the status to closed by hand (the TransactionError matches).
    f"{_UOW}test_transaction_invalid_state": Deviation(
        _NO_COMMIT, ("{'transaction_rollback_count': 1} != {'transaction_rollback_count': 0}",)
    ),
    # The second commit() raises inside the block; the first one's work stays committed.
    f"{_UOW}test_transaction_commit_twice": Deviation(
        "Exception after `commit()`",
        (
            "{'transaction_commit_count': 1} != {'transaction_commit_count': 0}",
            "{'transaction_rollback_count': 0} != {'transaction_rollback_count': 1}",
        ),
    ),
}


# --- the rewritten copy ---------------------------------------------------------------------

_FROM_IMPORT = re.compile(r"^(\s*)from messagebus(?:\.[\w.]+)? import", re.MULTILINE)
_IMPORT = re.compile(r"^(\s*)import messagebus(?:\.[\w.]+)?\s*$", re.MULTILINE)


def to_core_bus(source: str) -> str:
    """``source`` with every messagebus import taken from ``core.bus`` instead."""
    source = _FROM_IMPORT.sub(r"\1from core.bus import", source)
    return _IMPORT.sub(r"\1import core.bus as messagebus", source)


def _error_text(node: ast.AST) -> ast.Call | None:
    """The ``str(ctx.value)`` call inside ``node``, if any."""
    for sub in ast.walk(node):
        match sub:
            case ast.Call(func=ast.Name(id="str"), args=[ast.Attribute(attr="value")]):
                return sub
    return None


def soften_wording(source: str) -> str:
    """``source`` with each ``assert`` on ``str(ctx.value)`` recorded instead of raised."""
    lines = source.splitlines(keepends=True)
    asserts = [n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Assert)]
    for node in sorted(asserts, key=lambda n: n.lineno, reverse=True):
        call = _error_text(node.test)
        if call is not None and node.end_lineno is not None:
            test = ast.get_source_segment(source, node.test)
            actual = ast.get_source_segment(source, call)
            indent = lines[node.lineno - 1][: node.col_offset]
            check = f"{indent}_wording_check(({test}), {test!r}, {actual})\n"
            lines[node.lineno - 1 : node.end_lineno] = [check]
    if not any("_wording_check(" in line for line in lines):
        return source
    # At the end: a module-level name is found at call time, and `from __future__` stays first.
    return "".join(lines) + "\nfrom bench.messagebus_suite import wording_check as _wording_check\n"


def prepare(root: Path, dest: Path, against: str) -> None:
    """Copy the async suite from ``root`` to ``dest``, rewritten for ``against``."""
    for name in SUITE_FILES:
        src = root / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(src, dest / name)
    for path in (dest / "tests").rglob("*.py"):
        source = path.read_text()
        if against == "core.bus":
            source = to_core_bus(source)
        path.write_text(soften_wording(source))
    (dest / "pytest.ini").write_text(
        "[pytest]\nasyncio_mode = auto\nasyncio_default_fixture_loop_scope = function\n"
        "filterwarnings =\n    error\n"
    )


def suite_dependencies(cache: Path) -> Path:
    """A folder with the suite's own test dependencies, installed on first use."""
    target = cache / "deps"
    if not (target / ".done").exists():
        shutil.rmtree(target, ignore_errors=True)
        pip = [sys.executable, "-m", "pip", "install", "--quiet", "--target", str(target)]
        subprocess.run([*pip, *SUITE_DEPS], check=True)
        (target / ".done").touch()
    return target


def run_suite(dest: Path, deps: Path) -> dict[str, dict[str, Any]]:
    """Run the copy with pytest in a child process; each test's outcome by node id."""
    results = dest / "results.json"
    env = {**os.environ, RESULTS_ENV: str(results)}
    env["PYTHONPATH"] = os.pathsep.join([str(dest), str(deps), str(REPO)])
    cmd = [sys.executable, "-m", "pytest", "-p", "bench.messagebus_suite", "-p", "no:cacheprovider"]
    cmd += ["-c", str(dest / "pytest.ini"), "--rootdir", str(dest), "-q", "--no-header"]
    cmd += ["--continue-on-collection-errors", "tests"]
    done = subprocess.run(cmd, cwd=dest, env=env, capture_output=True, text=True)
    if not results.exists():
        sys.exit(f"pytest did not run the suite:\n{done.stdout}\n{done.stderr}")
    outcome: dict[str, dict[str, Any]] = json.loads(results.read_text())
    return outcome


# --- the pytest plugin the child process loads (-p bench.messagebus_suite) --------------------

_running: list[str] = [""]
_outcomes: dict[str, dict[str, Any]] = {}


def wording_check(ok: bool, assertion: str, actual: str) -> None:
    """Record, for the running test, an assertion on an error's text that did not hold."""
    if not ok:
        entry = _outcomes.setdefault(_running[0], {"outcome": "passed", "wording": []})
        entry["wording"].append({"expected": assertion, "actual": actual})


def pytest_runtest_logstart(nodeid: str, location: object) -> None:
    """Remember which test runs, for :func:`wording_check`."""
    _running[0] = nodeid


def pytest_runtest_logreport(report: Any) -> None:
    """Keep each test's outcome; a failed setup or teardown fails the test."""
    entry = _outcomes.setdefault(report.nodeid, {"outcome": "passed", "wording": []})
    if report.failed:
        entry["outcome"] = "failed"
        entry.setdefault("report", "")
        entry["report"] += f"[{report.when}] {report.longreprtext}\n"
    elif report.skipped and report.when == "setup":
        entry["outcome"] = "skipped"


def pytest_collectreport(report: Any) -> None:
    """A module that cannot be collected (an import missing from core.bus) is a failure."""
    if report.failed:
        _outcomes[report.nodeid] = {
            "outcome": "failed",
            "wording": [],
            "report": f"[collect] {report.longreprtext}\n",
        }


def pytest_sessionfinish(session: object, exitstatus: int) -> None:
    """Write the outcomes where the parent process reads them."""
    path = os.environ.get(RESULTS_ENV)
    if path:
        Path(path).write_text(json.dumps(_outcomes))


# --- classification and report -----------------------------------------------------------------


def readme_rows() -> set[str]:
    """The first cells of the README's "Differences from messagebus" table."""
    section = README.read_text().split("## Differences from messagebus", 1)[-1].split("\n## ")[0]
    cells = (line.split("|")[1].strip() for line in section.splitlines() if line.startswith("|"))
    return {cell for cell in cells if cell and cell != "behaviour" and set(cell) != {"-"}}


def classify(outcomes: dict[str, dict[str, Any]]) -> Iterator[tuple[str, str, str]]:
    """(group, test, why) for every test that did not simply pass."""
    rows = readme_rows()
    for test, entry in sorted(outcomes.items()):
        if entry["outcome"] == "skipped":
            yield "skipped", test, ""
        elif entry["outcome"] == "passed" and entry["wording"]:
            why = "; ".join(f"got {w['actual']!r}" for w in entry["wording"])
            yield "wording-only", test, why
        elif entry["outcome"] == "failed":
            yield _failed(test, entry["report"], rows)


_DIFFERING_ITEM = re.compile(r"^E\s+(\{.*\} != \{.*\})$", re.MULTILINE)


def _failed(test: str, report: str, rows: set[str]) -> tuple[str, str, str]:
    first_error = next((ln for ln in report.splitlines() if ln.startswith("E ")), "")[2:].strip()
    deviation = DEVIATIONS.get(test)
    if deviation is None:
        return "unexplained", test, first_error
    if deviation.row not in rows:
        return "unexplained", test, f"README has no row {deviation.row!r}; {first_error}"
    missing = [line for line in deviation.evidence if line not in report]
    other = [d for d in _DIFFERING_ITEM.findall(report) if d not in deviation.evidence]
    if missing or other:
        return "unexplained", test, f"not only {deviation.row!r}: {(missing + other)[0]}"
    return "listed deviation", test, f"README row: {deviation.row}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--suite", help="a messagebus checkout, git directory or tests folder")
    parser.add_argument("--ref", default="HEAD", help="the commit to read from a git --suite")
    parser.add_argument("--version", default="0.16.1", help="messagebus version to download")
    parser.add_argument("--against", choices=("core.bus", "messagebus"), default="core.bus")
    parser.add_argument(
        "--cache", default=Path(tempfile.gettempdir()) / "reading-club-messagebus-suite"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="messagebus-suite-") as scratch:
        root = obtain_suite(args, Path(scratch))
        version = suite_version(root)
        dest = Path(scratch) / "run"
        prepare(root, dest, args.against)
        outcomes = run_suite(dest, suite_dependencies(Path(args.cache)))
    groups = sorted(classify(outcomes), key=lambda g: (GROUPS.index(g[0]), g[1]))
    print(f"\nmessagebus {version} tests/_async against {args.against}: {len(outcomes)} tests")
    if version != args.version:
        print(f"  (the suite is messagebus {version}'s; core.bus follows {args.version})")
    for group, test, why in groups:
        print(f"  {group:<16}  {test}\n  {'':<16}    {why}")
    count = Counter(group for group, _, _ in groups)
    unexplained = count["unexplained"]
    figures = {
        "suite": f"messagebus {version} tests/_async",
        "against": args.against,
        "tests": len(outcomes),
        "passed": len(outcomes) - len(groups),
        **{group.replace(" ", "_").replace("-", "_"): count[group] for group in GROUPS},
    }
    print(json.dumps(figures))
    sys.exit(1 if unexplained else 0)


if __name__ == "__main__":
    main()

"""Where messagebus's own test suite comes from, for ``bench.messagebus_suite``: a checkout,
a git directory read at a ref, the sdist of a version, or a shallow clone of its tag.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tarfile
import tomllib
from pathlib import Path

GIT_URL = "https://github.com/mardiros/messagebus"


def _run(*cmd: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=300)


def _from_git_dir(git_dir: Path, ref: str, dest: Path) -> Path:
    dest.mkdir(parents=True)
    tar = dest / "suite.tar"
    archive = ("archive", "-o", str(tar), ref, "tests", "pyproject.toml")
    done = _run("git", f"--git-dir={git_dir}", *archive)
    if done.returncode != 0:
        sys.exit(f"git archive {ref} in {git_dir} failed: {done.stderr.strip()}")
    with tarfile.open(tar) as suite:
        suite.extractall(dest, filter="data")
    return dest


def _from_sdist(version: str, cache: Path) -> Path | None:
    sdists = cache / "sdist"
    pip = [sys.executable, "-m", "pip", "download", f"messagebus=={version}", "--no-deps"]
    if not list(sdists.glob(f"messagebus-{version}.tar.gz")):
        done = _run(*pip, "--no-binary", ":all:", "-d", str(sdists))
        if done.returncode != 0:
            print(f"  could not download the sdist: {done.stderr.strip()[-200:]}")
            return None
    root = cache / f"messagebus-{version}"
    if not root.exists():
        with tarfile.open(sdists / f"messagebus-{version}.tar.gz") as sdist:
            sdist.extractall(cache, filter="data")
    return root if (root / "tests" / "_async").is_dir() else None


def _from_clone(version: str, cache: Path) -> Path | None:
    dest = cache / f"clone-{version}"
    if not dest.exists():
        clone = ("clone", "--quiet", "--depth=1", f"--branch=v{version}", GIT_URL, str(dest))
        done = _run("git", *clone)
        if done.returncode != 0:
            print(f"  could not clone v{version}: {done.stderr.strip()[-200:]}")
            return None
    return dest


def obtain_suite(args: argparse.Namespace, scratch: Path) -> Path:
    """A folder holding messagebus's ``tests/``."""
    if args.suite is None:
        root = _from_sdist(args.version, Path(args.cache))
        if root is None:
            print(f"  the sdist of messagebus {args.version} ships no tests; trying the git tag")
            root = _from_clone(args.version, Path(args.cache))
        if root is None:
            sys.exit("no suite found: pass --suite with a messagebus checkout or git directory")
        return root
    path = Path(args.suite).resolve()
    git_dir = path if (path / "objects").is_dir() else path / ".git"
    if git_dir.exists() and (args.ref != "HEAD" or not (path / "tests").is_dir()):
        return _from_git_dir(git_dir, args.ref, scratch / "git-suite")
    for root in (path, path.parent):
        if (root / "tests" / "_async").is_dir():
            return root
    sys.exit(f"{path} holds no tests/_async")


def suite_version(root: Path) -> str:
    """The messagebus version the suite belongs to, from its pyproject.toml."""
    try:
        with (root / "pyproject.toml").open("rb") as file:
            return str(tomllib.load(file)["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"

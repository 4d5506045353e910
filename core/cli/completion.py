"""``reading-club completion bash|zsh|tcsh``: the shell completion script, made by shtab from
the parser itself, so it always knows every subcommand and option."""

from __future__ import annotations

import argparse

from .common import EXIT_OK, Commands, add_command

SHELLS = ("bash", "zsh", "tcsh")


def add_commands(commands: Commands) -> None:
    """``completion SHELL``."""
    command = add_command(
        commands,
        "completion",
        "print the shell completion script",
        "Print the script that completes reading-club's commands, options and file names "
        "in your shell; install it once as the examples show.",
        "reading-club completion bash > ~/.local/share/bash-completion/completions/reading-club",
        'reading-club completion zsh > "${fpath[1]}/_reading-club"',
    )
    command.add_argument("shell", choices=SHELLS)
    command.set_defaults(handler=_run)


def _run(arguments: argparse.Namespace) -> int:
    import shtab  # only here: the other commands need not load it

    from . import parser

    print(shtab.complete(parser(), shell=arguments.shell))
    return EXIT_OK

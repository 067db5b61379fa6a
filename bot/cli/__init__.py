"""``kodo``: the command line. Imports stay lazy so ``kodo --help`` loads no SDK and answers at once.

The subcommands are the core's (``bot.cli.commands``) and the features' own (``Feature.cli``): the
parser is built from that one list. Every user error ends as one line on stderr and a non-zero exit
(``bot.cli.plumbing``); a traceback is only for bugs, and only with ``KODO_DEBUG=1``.
"""

from __future__ import annotations

import argparse
import asyncio
import inspect
import os
import sys

from bot.cli.plumbing import (FAILED, READER_GONE, USAGE, Parser, UserError, WrongCommandLine, command, describe, fail,
                              scrub, stdout_gone)


class _Version(argparse.Action):
    """``kodo --version``: the installed package's version, looked up only when asked for."""

    def __init__(self, option_strings, dest, **kwargs):
        super().__init__(option_strings, dest, nargs=0, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None):
        from importlib.metadata import PackageNotFoundError, version

        try:
            print(f"kodo {version('kodo')}")
        except PackageNotFoundError:  # run from a checkout that was never installed
            print("kodo (not installed)")
        parser.exit()


def subcommands() -> tuple:
    from bot.cli.commands import CORE
    from bot.features import REGISTRY

    return CORE + tuple(sub for feature in REGISTRY.features for sub in feature.cli)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="kodo", description="Kodo keeps your code of conduct alive in Slack and Teams.")
    parser.add_argument("--version", action=_Version, help="print `kodo X.Y.Z` and exit")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=Parser)
    for each in subcommands():
        p = command(sub, each.name, each.help, each.description or "")
        each.arguments(p)
        p.set_defaults(run=each.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Every command, and whatever it prints, ends here; a reader that stops early (``| head``) ends
    it quietly, as Unix tools end: no traceback, no message, exit ``READER_GONE``."""
    try:
        return _main(argv)
    except BrokenPipeError:
        # Python's advice for SIGPIPE: stdout points at /dev/null, so the flush at exit finds no pipe.
        # (SIGPIPE itself stays ignored: a peer closing a socket must never kill `kodo serve`.)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return READER_GONE


def _main(argv: list[str] | None) -> int:
    args = build_parser().parse_args(argv)
    from bot.config import ConfigError, Settings

    settings = None
    try:
        settings = Settings.from_env()
        done = args.run(args, settings)
        return asyncio.run(done) if inspect.iscoroutine(done) else done
    except KeyboardInterrupt:
        return 130
    except (UserError, ConfigError) as exc:
        if args.command == "doctor":  # even a setting that stops every other command is one of its checks
            print(f"fail configuration: {scrub(str(exc), settings)}")
            return FAILED
        return fail(str(exc), settings, USAGE if isinstance(exc, WrongCommandLine) else FAILED)
    except Exception as exc:  # noqa: BLE001 - the last line of defence against tracebacks
        if isinstance(exc, BrokenPipeError) and stdout_gone():
            raise
        if os.environ.get("KODO_DEBUG") == "1":
            raise
        return fail(describe(exc, settings), settings)

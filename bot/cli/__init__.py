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

from bot.cli.plumbing import FAILED, Parser, UserError, describe, fail, scrub


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
    for command in subcommands():
        p = sub.add_parser(command.name, help=command.help, description=command.description or command.help)
        command.arguments(p)
        p.set_defaults(run=command.run)
    return parser


def main(argv: list[str] | None = None) -> int:
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
        return fail(str(exc), settings)
    except Exception as exc:  # noqa: BLE001 - the last line of defence against tracebacks
        if os.environ.get("KODO_DEBUG") == "1":
            raise
        return fail(describe(exc, settings), settings)

"""The `passerelle` command: the arguments are the core's (app/cli/parser.py); with no
command, the window opens; `--self-test` checks the core and the window; a command runs
headless, loading neither Qt nor the window (passerelle/gui.py is imported only for them).
"""

from __future__ import annotations

from app.cli import parse_arguments, run_command


def main(argv: list[str] | None = None) -> int:
    args = parse_arguments(argv)
    if args.self_test:
        from app.selftest import run as self_test
        from passerelle.gui import SELF_TEST_STEPS

        return self_test(SELF_TEST_STEPS)
    if args.command is not None:
        return run_command(args)
    from passerelle.gui import open_window

    return open_window(args.data_dir)

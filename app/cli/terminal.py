"""What the commands say on the terminal: results on stdout, problems on stderr, yes/no
questions, and why a file was refused."""

from __future__ import annotations

import sys

from app.cli.exits import EXIT_BAD_INPUT
from app.exchange.problems import ExchangeError


def speak_utf8() -> None:
    """French on any console: stdout and stderr in UTF-8 (what cannot be shown is escaped)."""
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8", errors="backslashreplace")
        sys.stderr.reconfigure(encoding="utf-8", errors="backslashreplace")


def say(line: str = "") -> None:
    print(line)


def warn(line: str) -> None:
    print(line, file=sys.stderr)


def ask(question: str) -> bool:
    """Asks a yes/no question on the terminal; with no terminal, the answer is no."""
    if not sys.stdin.isatty():
        return False
    try:
        answer = input(f"{question} [o/N] ").strip().lower()
    except (EOFError, KeyboardInterrupt):
        print()
        return False
    return answer in ("o", "oui", "y", "yes")


def fail(lines: list[str]) -> int:
    """Says `lines` on stderr; the exit code of a bad input."""
    for line in lines:
        warn(line)
    return EXIT_BAD_INPUT


def refused_file(error: ExchangeError, consequence: str | None = None) -> int:
    """Tells, on stderr, why a file was refused: a header, then one line per problem."""
    count = len(error.problems)
    header = f"Fichier refusé ({error.source}) : {count} problème{'s' if count > 1 else ''}."
    lines = [header, *(f"  {problem}" for problem in error.problems)]
    return fail([*lines, consequence] if consequence else lines)

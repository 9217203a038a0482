"""Where the benchmarks write their figures: bench/out/<name>.json (not committed)."""

from __future__ import annotations

import json
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"


def save_figures(name: str, figures: dict, show: bool = False) -> Path:
    """Writes the figures as JSON; with `show`, prints them too."""
    text = json.dumps(figures, indent=2, ensure_ascii=False)
    OUT.mkdir(exist_ok=True)
    path = OUT / f"{name}.json"
    path.write_text(text + "\n", encoding="utf-8")
    if show:
        print(text)
    return path

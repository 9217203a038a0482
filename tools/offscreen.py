"""Qt's offscreen platform with a screen of a laptop's size (1920 × 1080), for the tests,
the screenshots and the benchmarks: its own screen is 800 × 800, and windows fit
themselves to the screen they open on (ui/support/sizes.py)."""

from __future__ import annotations

import os
from pathlib import Path

SCREEN = Path(__file__).resolve().with_name("offscreen-screen.json")


def large_offscreen_screen() -> None:
    """Offscreen (unless another platform is chosen), on a laptop-sized screen."""
    if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={SCREEN}"

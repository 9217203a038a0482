"""Start-up marks for `bench/ui.py`: when `PASSERELLE_STARTUP_PROBE` names a file, the
moments the window is shown, its list filled and the store ready are written there
(monotonic seconds, resident memory in kB, 1 if SQLAlchemy is loaded, 1 if OpenSSL is), and with
`PASSERELLE_STARTUP_PROBE_QUIT=1` the application quits once ready. Without the
variable, nothing is done."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

PROBE_VARIABLE = "PASSERELLE_STARTUP_PROBE"
QUIT_VARIABLE = "PASSERELLE_STARTUP_PROBE_QUIT"


def resident_kb() -> int:
    """Resident memory of this process (Linux; 0 elsewhere)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class StartupProbe:
    def __init__(self, application, target: Path | None, quit_when_ready: bool) -> None:
        self.application = application
        self.target = target
        self.quit_when_ready = quit_when_ready

    @classmethod
    def from_environment(cls, application) -> StartupProbe:
        target = os.environ.get(PROBE_VARIABLE)
        return cls(
            application, Path(target) if target else None, bool(os.environ.get(QUIT_VARIABLE))
        )

    def mark(self, name: str) -> None:
        if self.target is None:
            return
        with self.target.open("a", encoding="utf-8") as handle:
            from app.offline import openssl_loaded

            loaded = int("sqlalchemy" in sys.modules)
            openssl = int(openssl_loaded())
            handle.write(f"{name} {time.monotonic():.6f} {resident_kb()} {loaded} {openssl}\n")
        if name == "ready" and self.quit_when_ready:
            self.application.quit()

    def mark_soon(self, name: str) -> None:
        """Marks `name` once the event loop has painted what is pending."""
        if self.target is None:
            return
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, lambda: self.mark(name))

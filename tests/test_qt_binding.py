"""The Qt binding itself: PySide6 6.12.0 lost a reference to True at every Signal.emit(),
and the interpreter aborted once the count reached zero (after a few thousand signals, a
day's work). pyproject.toml excludes that version; this test catches any other like it."""

import sys

from PySide6.QtCore import QObject, Signal


class Emitter(QObject):
    changed = Signal(int)


def test_emitting_signals_keeps_the_reference_counts(qtbot):
    emitter = Emitter()
    received = []
    emitter.changed.connect(received.append)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for value in range(1000):
        emitter.changed.emit(value)
    after = sys.getrefcount(True), sys.getrefcount(False)
    assert len(received) == 1000
    assert after[0] >= before[0] - 5 and after[1] >= before[1] - 5, (before, after)

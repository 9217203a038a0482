"""Qt support code shared by the rooms: the start-up probe, the PySide6 source check, the
shared questions, the editable rows table."""

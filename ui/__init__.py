"""Passerelle's Qt shell. The only package that imports PySide6; it calls `app/` services."""

"""The candidate page: its tabs and tables, and the dossier actions (PDF, sending to
COORACE)."""

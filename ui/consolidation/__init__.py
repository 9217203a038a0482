"""COORACE's workspace in the window: the dossiers received by region, the groups
proposed on a date, the groups recorded and their members (`ConsolidationView` in
`workspace.py`)."""

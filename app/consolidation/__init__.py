"""COORACE's consolidation: the dossiers of every structure, the proposed and recorded groups."""

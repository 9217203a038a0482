"""PDF dossiers for COORACE: layout (reportlab), the exchange JSON attached and the
optional AES-256 password (pikepdf), the e-mail draft. Loaded only when a dossier is
exported or a PDF imported: the window and `evaluate` never import it at start."""

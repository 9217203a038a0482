"""Text as a counsellor searches it: « eloise » finds « Éloïse », « oe » finds « œ »."""

from __future__ import annotations

import unicodedata

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"})


def folded(text: str) -> str:
    """Lower-case, without accents or ligatures, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())

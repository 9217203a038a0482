"""Exchange format v1: the public JSON contract (EXCHANGE.md), read and written.

`read_dossier` / `read_catalogue` validate a document and return domain objects, or raise
`ExchangeError` with one French problem per faulty field, each naming its JSON path.
"""

from app.exchange.problems import ExchangeError, Problem

__all__ = ["ExchangeError", "Problem"]

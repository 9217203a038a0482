"""The JSON Schemas of the exchange format, generated from the validators' own description.

`python -m app.exchange.schema` (or `make schema`) rewrites `resources/schema/`; a test
checks that the files there are up to date.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from app.exchange.catalogue import CATALOGUE
from app.exchange.dossier_spec import DOSSIER
from app.exchange.group_answer import ANSWER
from app.exchange.spec import Obj
from app.resources import resource

SCHEMA_DIR = resource("schema")
SCHEMAS: dict[str, Obj] = {
    "dossier-v1.schema.json": DOSSIER,
    "catalogue-v1.schema.json": CATALOGUE,
    "group-v1.schema.json": ANSWER,
}


def schema_document(name: str) -> dict[str, Any]:
    body = SCHEMAS[name].schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://passerelle.coorace.invalid/schema/{name}",
        **body,
    }


def schema_text(name: str) -> str:
    return json.dumps(schema_document(name), ensure_ascii=False, indent=2) + "\n"


def write_schemas(directory: Path = SCHEMA_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMAS:
        path = directory / name
        path.write_text(schema_text(name), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_schemas():
        print(f"écrit : {path}", file=sys.stderr)

"""Child process of the kill test: saves candidates in a loop and prints each reference
once its transaction is committed. The test kills it with SIGKILL at random moments."""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.exchange.dossier import dossier_from_data  # noqa: E402
from app.store.candidates import save_dossier  # noqa: E402
from app.store.database import open_store  # noqa: E402


def main(folder: str, first: int) -> None:
    import os

    template = json.loads((ROOT / "resources/examples/cip-eligible.json").read_text("utf-8"))
    passphrase = os.environ.get("PASSERELLE_KILL_PASSPHRASE")  # a protected folder
    if passphrase:
        from app.store import cipher
        from app.store.protection import protect

        if cipher.is_protected(Path(folder)):
            cipher.unlock(Path(folder), passphrase)
        else:
            open_store(Path(folder)).close(automatic_backup=False)
            protect(Path(folder), passphrase)
    store = open_store(Path(folder), user="Test d'arrêt brutal")
    print("prêt", flush=True)
    index = first
    while True:
        document = copy.deepcopy(template)
        document["candidate"]["ref"] = f"k-{index}"
        document["candidate"]["last_name"] = f"Nom{index}"
        document["experiences"] = document["experiences"] * 3
        with store.transaction() as session:
            save_dossier(session, dossier_from_data(document), store.user)
        print(f"k-{index}", flush=True)
        index += 1


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))

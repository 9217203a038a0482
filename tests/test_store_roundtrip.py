"""Whatever is imported comes back out identical: export(import(x)) == x."""

from hypothesis import HealthCheck, given, settings
from strategies import dossiers

from app.exchange.dossier import dossier_from_data, dossier_to_data
from app.store.candidates import existing_candidate, save_dossier
from app.store.database import open_store
from app.store.mapping import dossier_of


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(document=dossiers())
def test_export_of_import_is_the_document(tmp_path, document):
    # one store for every example: later examples re-import known candidates (updates)
    store = open_store(tmp_path / "donnees")
    try:
        with store.transaction() as session:
            save_dossier(session, dossier_from_data(document), "test")
        with store.transaction() as session:
            row = existing_candidate(
                session, document["structure"]["siret"], document["candidate"]["ref"]
            )
            exported = dossier_to_data(dossier_of(row))
    finally:
        store.close(automatic_backup=False)
    assert exported == document

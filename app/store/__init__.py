"""The store: one embedded SQLite file per structure's laptop that never loses a record.

`open_store(data_dir)` checks the file, takes the single-writer lock, migrates the schema
(backing up first) and returns a `Store`. Services (`candidates`, `transfer`, `backups`)
take a `Store` and do one named thing each in one transaction.
"""

# Passerelle — set-up, start, tests, benchmarks.
# Every target sets up what it needs: a fresh Debian machine needs nothing installed by hand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench lint schema samples screenshots dossiers bundle test-bundle bench-bundle setup clean

setup: $(STAMP)

$(STAMP): pyproject.toml packaging/system-deps.sh
	sh packaging/system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,bundle]' --config-settings editable_mode=compat
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/passerelle

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/evaluate.py
	$(BIN)/python bench/store.py
	$(BIN)/python bench/pdf.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/interactions.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/ui.py
	$(BIN)/python bench/consolidation.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/board.py

lint: $(STAMP)
	$(BIN)/ruff check app ui tests bench tools passerelle
	$(BIN)/ruff format --check app ui tests bench tools passerelle

schema: $(STAMP)
	$(BIN)/python -m app.exchange.schema

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tools.screenshots docs/screenshots

dossiers: $(STAMP)
	$(BIN)/python tests/sample_dossiers.py docs/dossiers

samples: $(STAMP)
	$(BIN)/python tests/readme_samples.py

# The installable folder dist/passerelle/ (PyInstaller, packaging/passerelle.spec)
bundle: $(STAMP)
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build packaging/passerelle.spec

# What we ship is what we test: the frozen app checks itself, offscreen
test-bundle: bundle
	QT_QPA_PLATFORM=offscreen dist/passerelle/passerelle --self-test

# Size of the folder, frozen start-up against the same app unfrozen
bench-bundle: bundle
	$(BIN)/python bench/bundle.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache .hypothesis

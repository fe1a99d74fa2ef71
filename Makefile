# RE.MIX for QGIS. Every target installs what it needs first (scripts/setup.sh, idempotent).
PY := .venv/bin/python
export QT_QPA_PLATFORM ?= offscreen
export PYTHONDONTWRITEBYTECODE := 1
DEMO_PACK := resources/data/remix_demo.gpkg
export PYTEST_ARGS ?=
# QGIS versions to run on: all (the host's and a Debian root of each other release), host, or e.g. 3.40
QGIS ?= all

.PHONY: setup demo lint test test-fast bench package translations clean

setup:
	@bash scripts/setup.sh

$(DEMO_PACK): scripts/build_demo_pack.py $(wildcard ../shared/data/*.geojson ../shared/data/*.csv)
	$(PY) -m remix_plugin demo-pack --out $@

translations: setup
	@lrelease -silent resources/i18n/*.ts

demo: setup $(DEMO_PACK) translations
	@mkdir -p out
	$(PY) -m remix_plugin project --map opportunita --out out/opportunita.qgz
	$(PY) -m remix_plugin print --map opportunita --layout A3_orizzontale --out out/opportunita_A3.pdf
	$(PY) -m remix_plugin print --map opportunita --layout A3_orizzontale --dpi 150 --out out/opportunita_A3.png
	@echo "Aperto con: qgis out/opportunita.qgz — la stampa A3: out/opportunita_A3.pdf (e .png)"

# ruff (lint, format) and mypy: the same on every QGIS, so once, on the host
lint: setup
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/mypy

test: setup $(DEMO_PACK) translations lint
	bash scripts/qgis_matrix.sh test $(QGIS)

test-fast: setup
	$(PY) -m pytest tests/unit $(PYTEST_ARGS)

bench: setup $(DEMO_PACK) translations
	bash scripts/qgis_matrix.sh bench $(QGIS)

package: setup $(DEMO_PACK) translations
	bash scripts/package.sh

clean:
	rm -rf build dist out .pytest_cache $(DEMO_PACK) resources/i18n/*.qm

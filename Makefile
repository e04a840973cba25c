# The two commands of the README: `make demo` and `make test`. Both set up first.
VENV := .venv
BIN := $(VENV)/bin
export HF_HUB_OFFLINE := 1

.PHONY: setup demo test lint benchmark train

$(VENV)/.installed: pyproject.toml scripts/setup.sh scripts/constraints.txt
	bash scripts/setup.sh

setup: $(VENV)/.installed

## The main job on the seed articles.
demo: setup
	$(BIN)/analyzer report seeds/ -o reports/ --title "Seed articles: who copied or spun whom"
	$(BIN)/analyzer compare seeds/003_26342a6f18a9b02e.txt seeds/000_d33e6d2f6bc58844.txt

## Lint, the import layering (pyproject.toml) and the whole test suite.
test: setup
	$(BIN)/ruff check analyzer tests benchmarks scripts
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest

benchmark: setup
	$(BIN)/python benchmarks/relations.py
	$(BIN)/python benchmarks/direction.py

train: setup
	$(BIN)/python scripts/train_pair_model.py

"""The training wing: the spinner, generated pairs, fitting the pair model and scoring it for benchmarks.

Nothing in the product imports this package (an import-linter contract in ``pyproject.toml`` keeps it so).
"""

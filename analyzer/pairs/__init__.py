"""Stages 4-5, pairs: profile two articles, align their sentences, collect evidence, decide the relation.

``engine.Engine`` runs the stage; ``result.PairResult`` is the record it returns.
"""

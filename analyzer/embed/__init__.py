"""Stage 3, embeddings: locating and loading sentence models, and turning sentences into vectors.

``sentence`` (full model, torch or ONNX int8) and ``static`` (distilled, for candidates) sit on ``models``.
"""

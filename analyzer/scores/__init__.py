"""Stage 6, scores: originality, attribution, consistency and reliability over a corpus of pair results."""

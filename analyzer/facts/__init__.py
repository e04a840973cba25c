"""Facts: named entities, quantities and dates in an article, and resolving names across articles."""

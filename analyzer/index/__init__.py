"""A corpus index on disk, and ranking new articles by originality against it."""

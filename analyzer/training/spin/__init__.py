"""A content-farm style article spinner: synonym swaps, rewrites and fact drift, for training data."""

"""Stage 2, text: pure functions on strings (sentences, words, n-grams) every later stage shares."""

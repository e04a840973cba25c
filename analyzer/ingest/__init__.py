"""Stage 1, ingest: files, folders, rows, HTML and bare text become cleaned articles.

Nothing here knows of models or pairs. Every input yields an
:class:`~analyzer.article.Article`, usable or skipped with its reason.
"""

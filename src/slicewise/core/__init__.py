"""The pure-Python core: formats, loading, conditions, scoring, risks, roadmap and assessment files.

Nothing under this package imports textual, rich, questionary or openpyxl (a test enforces it).
"""

"""Checklists for the people who review: one per audience, generated into ``checklists/``.

``data/checklists.yaml`` holds the items (:mod:`oahandbook.data.checklists`); the exporters turn them into Markdown,
CSV, XLSX, JSON and an OSCAL catalog (:mod:`.render`), and :mod:`.review` pre-fills a checklist
with the checkers' verdicts for one file.
"""

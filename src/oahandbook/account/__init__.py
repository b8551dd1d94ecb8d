"""The account checker: one YAML file per Official Account, checked against clauses 2.1–2.4.

``models`` is the file format, ``document`` reads it, ``checks`` holds the check types the
account rules (data/rules/CE*, PE*, SE*, BK*, NM*, IA*, RV*) are built on.
"""

"""Draft articles: Markdown with YAML front matter, checked against the content clauses."""

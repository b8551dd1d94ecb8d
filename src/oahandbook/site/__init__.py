"""The handbook site: every generated page as a plain function of the data.

``hooks/handbook.py`` only connects MkDocs events to :mod:`oahandbook.site.build`; the macros
for hand-written pages live in :mod:`oahandbook.site.macros`. Nothing here imports MkDocs, so
each page can be unit-tested as a string and a move to another generator stays small.

Generated pages carry ``render_macros: false`` in their front matter: text that came from the
data (``{{ … }}`` included) is shown as written, never run as a template.
"""

"""oahandbook: the Official Account regulation as data, with its handbook, checkers and checklists."""

__version__ = "0.1.0"

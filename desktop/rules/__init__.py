"""审核: the rule catalogue (resources/rules/catalogue.json), the checks behind it, and the engine
that runs them over one year of a document, incrementally after each edit.

Nothing is imported here: the window imports desktop.rules.findings before its first paint, and
the engine (the catalogue, the schema, every check) only when a document opens.
"""

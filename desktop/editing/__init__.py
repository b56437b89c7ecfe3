"""Editing: commands that change a document and the session that commits them (Qt-free)."""

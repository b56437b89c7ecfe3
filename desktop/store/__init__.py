"""The SQLite document file (*.fdesk): migrations, reading and writing a Document.

Later: autosave through undo commands, the writer lock, rotating backups (DESIGN.md §7).
"""

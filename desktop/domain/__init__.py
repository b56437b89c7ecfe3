"""The document as data: money, parsing and formatting of amounts, section schema, codes.

Nothing here imports Qt or SQLite, so every rule, score and sentence built on it can be
tested without a window or a file.
"""

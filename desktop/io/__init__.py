"""Reading and writing documents in outside formats: JSON (canonical interchange), later xlsx and PDF.

Heavy libraries (openpyxl, reportlab) are imported inside the functions that need them, so the
application starts without paying for them.
"""

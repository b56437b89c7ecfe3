"""FiscalDesk (部门决算公开与绩效自评助手): the application package.

The core (domain, rules, scoring, narrative, store, io) is plain Python; only `desktop.ui`
imports Qt. See DESIGN.md §2 for the layering.
"""

__version__ = "0.1.0"

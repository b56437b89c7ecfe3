"""Importing this package registers every check with desktop.rules.registry."""

from desktop.rules.checks import cross, narrative, performance, review, sangong, tables, texts, units  # noqa: F401

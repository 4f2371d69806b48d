"""Dateline: one news story read across many outlets."""

__version__ = "0.1.0"

"""Widgets shared by the pages: the lazy table, printing."""

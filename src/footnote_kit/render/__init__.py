"""Rendering in CSL styles: style look-up, the citeproc-py engine, notes and output formats."""

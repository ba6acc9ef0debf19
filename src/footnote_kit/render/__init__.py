"""Rendering in CSL styles: the engine (citeproc-py, corrected to match citeproc-js).

``engine.make_processor`` is the entry point; heavy modules load on first use.
"""

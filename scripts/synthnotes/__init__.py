"""Labelled synthetic footnotes rendered with footnote-kit's own CSL engine.

``python scripts/make_synthetic_notes.py`` is the entry point; see its docstring for the
output format. The package is split by concern: ``vocab`` (seed words and their licences),
``items``, ``kinds`` (random CSL-JSON items), ``trace`` (rendering with field markers),
``spans`` (markers to spans on the clean text), ``styles``, ``words``, ``prose``,
``compose`` (documents and notes: signal words, locators, prose, short forms) and
``check`` (does every labelled span hold its item's field?).
"""

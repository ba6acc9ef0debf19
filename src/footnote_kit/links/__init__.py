"""Links: URLs -> link results -> archive suggestions (``footnote-kit check``).

``collect`` finds the URLs a document or bibliography cites (with where), ``http`` checks
them against the live web, ``archive`` asks the Wayback Machine for the copy nearest the
cited date, ``cache`` remembers results between runs and ``report`` turns results into
text, JSON, SARIF or GitHub annotations. ``check.run_check`` ties them together.
"""

"""``python -m footnote_kit`` runs the command line."""

from footnote_kit.commands import main

if __name__ == "__main__":
    raise SystemExit(main())

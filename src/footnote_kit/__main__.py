"""``python -m footnote_kit`` runs the CLI."""

from footnote_kit.cli import main

if __name__ == "__main__":
    main()

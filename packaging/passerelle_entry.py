"""Entry point of the bundled application (PyInstaller): the `passerelle` command."""

import sys

from passerelle.launcher import main

if __name__ == "__main__":
    sys.exit(main())

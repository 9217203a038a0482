"""`python -m app COMMAND` runs a command of `passerelle`, headless; the window opens
with `passerelle` (or `python -m passerelle`)."""

import sys

from app.cli import main

sys.exit(main())

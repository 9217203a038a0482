"""`python -m app` does what the `passerelle` command does."""

import sys

from app.cli import main

sys.exit(main())

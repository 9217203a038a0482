"""`python -m passerelle` does what the `passerelle` command does."""

import sys

from passerelle.launcher import main

sys.exit(main())

"""The exit codes of every `passerelle` command."""

EXIT_OK = 0
EXIT_CANCELLED = 1  # by the user (a question answered no, an interruption)
EXIT_BAD_INPUT = 2  # a bad file or argument: nothing was written
EXIT_UNAVAILABLE = 3  # the data folder is busy, damaged or from a newer Passerelle

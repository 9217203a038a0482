"""Passerelle's headless core: domain, rules, exchange format, evaluation, CLI.

Nothing in this package imports Qt: everything a counsellor can do in a window can be
done, and tested, by calling it.
"""

__version__ = "0.1.0"

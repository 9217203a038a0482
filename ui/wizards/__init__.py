"""The path wizards: the shared base, then one package per path."""

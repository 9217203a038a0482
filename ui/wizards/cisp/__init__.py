"""The CISP wizard (capitalisation): one module per step or group of steps."""

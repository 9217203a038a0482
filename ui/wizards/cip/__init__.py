"""The CIP wizard (collective VAE): one module per step or group of steps."""

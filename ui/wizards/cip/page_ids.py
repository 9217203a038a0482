"""The CIP wizard's pages, in the order they come (their QWizard ids). After the
positioning test the path branches: VAE, or the upgrading plan, or (no score) financing."""

AGREEMENT, EXPERIENCE, MEETINGS, GAPS, POSITIONING, VAE, UPGRADING, FINANCING, SUMMARY = range(9)

"""Scripts for the people who change Passerelle (screenshots, demo data); not shipped."""

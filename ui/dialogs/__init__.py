"""The dialogs of the Outils menu and of the first start: set-up and Paramètres, the
course catalogue, the rules in force."""

"""Names of the settings kept in the database that more than one module reads."""

SETTING_OWN_SIRET = "structure_siret"
SETTING_COORACE_EMAIL = "coorace_email"

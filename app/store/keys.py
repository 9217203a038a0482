"""Names of the settings kept in the database that more than one module reads, and how
they are called in French wherever they are shown."""

SETTING_OWN_SIRET = "structure_siret"
SETTING_COORACE_EMAIL = "coorace_email"
SETTING_USER = "local_user"
SETTING_BACKUPS_KEPT = "backups_kept"
# who works on this computer: "structure" (a member structure) or "coorace" (COORACE's
# certification service); and, for COORACE, the service's name
SETTING_WORKSPACE = "workspace"
SETTING_SERVICE = "coorace_service"

# the settings a person sees (Paramètres, `passerelle settings`, a restore's plan), in
# French; the others (the list's bookkeeping) are never shown
SETTING_LABELS = {
    SETTING_USER: "Nom de l'utilisateur local",
    SETTING_BACKUPS_KEPT: "Nombre de sauvegardes automatiques gardées",
    SETTING_COORACE_EMAIL: "Adresse de certification de COORACE",
    SETTING_OWN_SIRET: "SIRET de la structure",
    SETTING_WORKSPACE: "Espace de travail (structure ou COORACE)",
    SETTING_SERVICE: "Nom du service de COORACE",
    "lock_idle_minutes": "Verrouillage automatique après (minutes sans activité)",
}


def setting_name(key: str) -> str:
    """« Nom de l'utilisateur local (local_user) »: the French name, then the key one types."""
    label = SETTING_LABELS.get(key)
    return f"{label} ({key})" if label else key

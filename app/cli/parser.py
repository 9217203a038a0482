"""The `passerelle` command line: options, sub-commands and their help, all in French;
a usage error is said in French too, with exit code 2."""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

from app import __version__
from app.cli.exits import EXIT_BAD_INPUT

# argparse's own words (Python 3.11 and later), in French: its usage errors all reach
# `error()` as English sentences built from these patterns, tried in this order
_FRENCH_ERRORS = tuple(
    (re.compile(pattern), french)
    for pattern, french in (
        (r"^argument (.+?): ", r"argument \1 : "),
        (r"the following arguments are required: ", "arguments obligatoires : "),
        (r"one of the arguments (.+) is required", r"l'une de ces options est obligatoire : \1"),
        (r"unrecognized arguments: ", "arguments inconnus : "),
        (r"ambiguous option: (\S+) could match ", r"option ambiguë : \1 peut désigner "),
        (r"invalid choice: ", "choix invalide : "),
        (r"\(choose from ", "(valeurs possibles : "),
        (r"unknown parser (.+) \(choices: ", r"commande inconnue \1 (valeurs possibles : "),
        (r"expected one argument", "une valeur est attendue"),
        (r"expected at most one argument", "une valeur au plus est attendue"),
        (r"expected at least one argument", "au moins une valeur est attendue"),
        (r"expected (\d+) arguments?", r"\1 valeurs sont attendues"),
        (r"not allowed with argument ", "incompatible avec "),
        (r"ignored explicit argument ", "valeur inattendue : "),
        (r"invalid \S+ value: ", "valeur invalide : "),
    )
)


def french_error(message: str) -> str:
    """An argparse usage error in French (a sentence it does not know is left as it is)."""
    for pattern, french in _FRENCH_ERRORS:
        message = pattern.sub(french, message)
    return message


class _FrenchFormatter(argparse.HelpFormatter):
    """argparse's help the French way: « utilisation : » for « usage: », and a space
    before the colon of each section's title (« options : »)."""

    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        super().add_usage(usage, actions, groups, "utilisation : " if prefix is None else prefix)

    def start_section(self, heading) -> None:
        super().start_section(f"{heading} " if heading else heading)


class _FrenchParser(argparse.ArgumentParser):
    """argparse, all in French: help (usage line, section titles) and usage errors, with
    exit code 2."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _FrenchFormatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = "arguments"
        self._optionals.title = "options"

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"{self.prog} : erreur : {french_error(message)}\n")


def _command(commands, name: str, summary: str) -> argparse.ArgumentParser:
    command = commands.add_parser(name, help=summary, description=summary, add_help=False)
    command.add_argument("-h", "--help", action="help", help="affiche cette aide")
    return command


def _candidate_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("--candidate", required=True, metavar="REF", help="référence du candidat")
    command.add_argument(
        "--siret", metavar="SIRET", help="SIRET de la structure (si la référence est ambiguë)"
    )


def build_parser() -> argparse.ArgumentParser:
    """The French parser of `passerelle` and of every sub-command."""
    parser = _FrenchParser(
        prog="passerelle",
        description="Passerelle : titres CIP (VAE collective) et CISP (capitalisation). "
        "Sans commande, ouvre la fenêtre.",
        add_help=False,
    )
    parser.add_argument("-h", "--help", action="help", help="affiche cette aide")
    parser.add_argument(
        "--version", action="version", version=f"Passerelle {__version__}", help="version"
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="vérifie que tout fonctionne sur ce poste (base, import, PDF, fenêtre), "
        "dans un dossier temporaire",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DOSSIER",
        help="dossier des données (par défaut : $PASSERELLE_DATA_DIR, sinon le dossier de "
        "données de l'utilisateur)",
    )
    parser.add_argument(
        "--data-password-file",
        metavar="FICHIER",
        help="fichier contenant le mot de passe des données protégées (par défaut : "
        "$PASSERELLE_DATA_PASSWORD_FILE)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMANDE", parser_class=_FrenchParser)

    evaluate = _command(commands, "evaluate", "évalue un dossier et affiche l'évaluation en JSON")
    evaluate.add_argument("dossier", metavar="DOSSIER.json", help="le dossier à évaluer")
    evaluate.add_argument(
        "--on", metavar="AAAA-MM-JJ", help="date d'évaluation (par défaut : aujourd'hui)"
    )
    evaluate.add_argument(
        "--catalogue",
        metavar="FICHIER",
        help="catalogue des formations, JSON ou CSV « ; » (par défaut : celui en usage dans le "
        "dossier de données, sinon le catalogue d'exemple)",
    )
    evaluate.add_argument(
        "--rules", metavar="FICHIER", help="fichier de règles (par défaut : celles en vigueur)"
    )

    to_import = _command(
        commands, "import", "importe des dossiers (format d'échange JSON, ou PDF de Passerelle)"
    )
    to_import.add_argument(
        "files",
        nargs="+",
        metavar="CHEMIN",
        help="dossiers à importer : fichiers .json ou .pdf, ou dossiers (parcourus en entier)",
    )
    to_import.add_argument(
        "--password-file",
        metavar="FICHIER",
        help="fichier contenant le mot de passe d'un PDF protégé",
    )
    to_import.add_argument(
        "--dry-run", action="store_true", help="montre ce qui changerait, sans rien écrire"
    )
    to_import.add_argument(
        "--yes",
        action="store_true",
        help="applique toutes les modifications sans rien demander",
    )
    to_import.add_argument(
        "--report",
        metavar="FICHIER",
        help="rapport de l'import à écrire (CSV « ; » ; par défaut dans le dossier "
        "des données, sous rapports/)",
    )

    export = _command(
        commands, "export", "exporte le dossier d'un candidat (format d'échange JSON, ou PDF)"
    )
    _candidate_arguments(export)
    written = export.add_mutually_exclusive_group(required=True)
    written.add_argument("--json", metavar="FICHIER", help="fichier JSON à écrire")
    written.add_argument("--pdf", metavar="FICHIER", help="dossier PDF à écrire (pour COORACE)")
    export.add_argument(
        "--path",
        choices=["cip", "cisp"],
        help="parcours du dossier PDF (obligatoire si le candidat est sur les deux)",
    )
    export.add_argument(
        "--password-file",
        metavar="FICHIER",
        help="protège le PDF (AES-256) avec le mot de passe contenu dans ce fichier",
    )
    export.add_argument(
        "--pieces",
        action="store_true",
        help="joint au PDF les pièces justificatives scannées",
    )

    access = _command(
        commands, "access", "exporte tout ce qui est conservé sur un candidat (droit d'accès)"
    )
    _candidate_arguments(access)
    access.add_argument("--json", required=True, metavar="FICHIER", help="fichier à écrire")

    delete = _command(commands, "delete", "efface un candidat et tout ce qui le concerne")
    _candidate_arguments(delete)
    delete.add_argument("--yes", action="store_true", help="ne pas demander de confirmation")

    close = _command(commands, "close", "clôt la candidature d'un parcours (abandon)")
    _candidate_arguments(close)
    close.add_argument("--path", required=True, choices=["cip", "cisp"], help="le parcours")
    close.add_argument("--reason", required=True, metavar="MOTIF", help="new_job, left_structure…")
    close.add_argument("--note", metavar="TEXTE", help="précisions")
    close.add_argument("--on", type=_day, metavar="AAAA-MM-JJ", help="le jour (aujourd'hui)")
    resume = _command(commands, "resume", "reprend le parcours d'une candidature close")
    _candidate_arguments(resume)
    resume.add_argument("--path", required=True, choices=["cip", "cisp"], help="le parcours")
    resume.add_argument("--on", type=_day, metavar="AAAA-MM-JJ", help="le jour (aujourd'hui)")
    documents = _command(commands, "documents", "montre ou change les pièces justificatives")
    _candidate_arguments(documents)
    documents.add_argument("--set", metavar="PIÈCE", help="la pièce à changer (sa clé)")
    documents.add_argument(
        "--state", choices=["fournie", "manquante", "non-necessaire"], help="son état"
    )
    documents.add_argument("--scan", metavar="FICHIER", help="son scan (PDF, JPEG ou PNG)")
    documents.add_argument("--on", type=_day, metavar="AAAA-MM-JJ", help="fournie ce jour-là")
    admissibility = _command(
        commands, "admissibility", "écrit la demande de recevabilité (rubriques du CERFA 12818*02)"
    )
    _candidate_arguments(admissibility)
    admissibility.add_argument("--pdf", required=True, metavar="FICHIER", help="PDF à écrire")
    admissibility.add_argument(
        "--on", type=_day, metavar="AAAA-MM-JJ", help="le jour de la demande"
    )

    backup = _command(commands, "backup", "sauvegarde les données maintenant")
    backup.add_argument(
        "--to", metavar="FICHIER", help="fichier de sauvegarde (par défaut : dossier sauvegardes)"
    )

    restore = _command(commands, "restore", "remet en place une sauvegarde")
    restore.add_argument("file", metavar="FICHIER", help="la sauvegarde à restaurer")
    restore.add_argument("--yes", action="store_true", help="ne pas demander de confirmation")

    settings = _command(commands, "settings", "affiche ou modifie un réglage")
    settings.add_argument(
        "key",
        nargs="?",
        metavar="RÉGLAGE",
        help="local_user (nom de l'utilisateur local) ou backups_kept (nombre de sauvegardes "
        "automatiques gardées)",
    )
    settings.add_argument("value", nargs="?", metavar="VALEUR", help="nouvelle valeur")
    _catalogue_commands(commands)
    _groups_commands(commands)
    protect = _command(
        commands,
        "protect",
        "protège les données par un mot de passe (base et sauvegardes chiffrées) ; "
        "écrit la fiche de secours",
    )
    protect.add_argument(
        "--password-file", required=True, metavar="FICHIER", help="le (nouveau) mot de passe"
    )
    protect.add_argument(
        "--change",
        action="store_true",
        help="change le mot de passe (l'actuel par --data-password-file, ou --recovery-code)",
    )
    protect.add_argument(
        "--recovery-code", metavar="CODE", help="le code de secours (mot de passe oublié)"
    )
    protect.add_argument("--sheet", metavar="FICHIER", help="où écrire la fiche de secours (PDF)")
    unprotect = _command(
        commands, "unprotect", "retire la protection par mot de passe (données en clair)"
    )
    unprotect.add_argument("--yes", action="store_true", help="ne pas demander de confirmation")
    return parser


def _day(text: str):
    from app.dates import DateFormatError, parse_iso_date

    try:
        return parse_iso_date(text)
    except DateFormatError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _groups_commands(commands) -> None:
    groups = _command(
        commands,
        "groups",
        "groupes de VAE collective (COORACE) : proposer, constituer, suivre, liste AFPA, réponses",
    )
    actions = groups.add_subparsers(
        dest="action", metavar="ACTION", parser_class=_FrenchParser, required=True
    )

    def dated(action):
        action.add_argument(
            "--on", type=_day, metavar="AAAA-MM-JJ", help="à cette date (par défaut : aujourd'hui)"
        )
        return action

    def member(action):
        action.add_argument("group", metavar="GROUPE", help="numéro, identifiant ou nom du groupe")
        _candidate_arguments(action)
        action.add_argument("--reason", required=True, metavar="MOTIF", help="pourquoi")
        return dated(action)

    propose = dated(_command(actions, "propose", "propose les groupes (règle CIP-GRP)"))
    propose.add_argument("--json", action="store_true", help="en JSON (format documenté)")
    create = dated(
        _command(actions, "create", "constitue un groupe proposé (son numéro dans propose)")
    )
    create.add_argument("number", type=int, metavar="NUMÉRO", help="numéro du groupe proposé")
    create.add_argument(
        "--name", metavar="NOM", help="nom du groupe (par défaut : son type, ses régions)"
    )
    create.add_argument("--afpa", metavar="CENTRE", help="centre AFPA du groupe")
    listing = _command(actions, "list", "liste les groupes enregistrés")
    listing.add_argument("--json", action="store_true", help="en JSON")
    status = dated(_command(actions, "status", "change le statut d'un groupe"))
    status.add_argument("group", metavar="GROUPE", help="numéro, identifiant ou nom du groupe")
    status.add_argument("status", metavar="STATUT", help="proposé, constitué, en-cours ou terminé")
    member(_command(actions, "remove", "retire un membre d'un groupe (avec le motif)"))
    move = member(_command(actions, "move", "fait passer un membre dans un autre groupe"))
    move.add_argument("--to", required=True, metavar="GROUPE", help="le groupe d'arrivée")
    export = dated(_command(actions, "export", "écrit la liste des membres pour l'AFPA"))
    export.add_argument("group", metavar="GROUPE", help="numéro, identifiant ou nom du groupe")
    out = export.add_mutually_exclusive_group(required=True)
    out.add_argument("--xlsx", metavar="FICHIER", help="classeur Excel (.xlsx) à écrire")
    out.add_argument("--csv", metavar="FICHIER", help="CSV « ; » à écrire")
    calendar = _command(
        actions, "calendar", "montre le calendrier d'un groupe (et y ajoute une journée)"
    )
    calendar.add_argument("group", metavar="GROUPE", help="numéro, identifiant ou nom du groupe")
    calendar.add_argument("--add", type=_day, metavar="AAAA-MM-JJ", help="jour à ajouter")
    calendar.add_argument(
        "--half", choices=["matin", "apres-midi", "journee"], default="journee",
        help="demi-journée (par défaut : la journée entière)",
    )  # fmt: skip
    calendar.add_argument(
        "--kind", choices=["collective", "info_collective", "info_targeted"],
        default="collective", help="journée collective, ou réunion d'information",
    )  # fmt: skip
    calendar.add_argument("--place", metavar="LIEU", help="lieu")
    calendar.add_argument("--led-by", metavar="QUI", help="animé par (COORACE, AFPA…)")
    attendance = _command(
        actions, "attendance", "enregistre une présence, ou écrit la feuille d'émargement d'un jour"
    )
    attendance.add_argument("group", metavar="GROUPE", help="numéro, identifiant ou nom du groupe")
    attendance.add_argument("--day", required=True, type=_day, metavar="AAAA-MM-JJ", help="le jour")
    attendance.add_argument("--candidate", metavar="REF", help="le membre (référence)")
    attendance.add_argument("--siret", metavar="SIRET", help="SIRET (si la référence est ambiguë)")
    attendance.add_argument("--status", metavar="PRÉSENCE", help="present, excuse ou absent")
    attendance.add_argument(
        "--half", choices=["matin", "apres-midi", "journee"], default="journee",
        help="demi-journée (par défaut : les deux)",
    )  # fmt: skip
    attendance.add_argument("--pdf", metavar="FICHIER", help="feuille d'émargement à écrire")
    attendance.add_argument(
        "--blank", action="store_true", help="la feuille vierge, à faire signer"
    )
    convocations = dated(
        _command(
            actions, "convocations", "écrit la convocation de chaque membre (PDF et brouillon .eml)"
        )
    )
    convocations.add_argument(
        "group", metavar="GROUPE", help="numéro, identifiant ou nom du groupe"
    )
    convocations.add_argument(
        "--out", required=True, metavar="DOSSIER", help="où écrire les convocations"
    )
    funding = dated(
        _command(actions, "funding", "écrit la synthèse pour le financeur (.xlsx, PDF)")
    )
    funding.add_argument("group", metavar="GROUPE", help="numéro, identifiant ou nom du groupe")
    funding.add_argument("--xlsx", metavar="FICHIER", help="classeur Excel (.xlsx) à écrire")
    funding.add_argument("--pdf", metavar="FICHIER", help="synthèse PDF à écrire")
    board = dated(
        _command(actions, "board", "montre le tableau de bord d'un groupe (étapes, présences)")
    )
    board.add_argument("group", metavar="GROUPE", help="numéro, identifiant ou nom du groupe")
    answer = _command(
        actions, "answer", "écrit la réponse à chaque structure (JSON et brouillon .eml)"
    )
    answer.add_argument("group", metavar="GROUPE", help="numéro, identifiant ou nom du groupe")
    answer.add_argument("--out", required=True, metavar="DOSSIER", help="où écrire les réponses")


def _catalogue_commands(commands) -> None:
    catalogue = _command(
        commands, "catalogue", "montre, importe ou remet le catalogue des formations en usage"
    )
    actions = catalogue.add_subparsers(
        dest="action", metavar="ACTION", parser_class=_FrenchParser, required=True
    )
    _command(actions, "show", "montre le catalogue en usage : nom, version, date, exemple ou non")
    to_install = _command(
        actions,
        "import",
        "installe un catalogue (JSON ou CSV « ; ») : s'il a un problème, rien n'est écrit",
    )
    to_install.add_argument("file", metavar="FICHIER", help="le catalogue à installer")
    _command(actions, "restore", "revient au catalogue précédent (le remplacé est gardé)")

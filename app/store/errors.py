"""Why the store cannot be used, in French, for the user.

`str(error)` is what the window shows: it never names a command-line option or a
`passerelle` command (a counsellor in the window is told what to do there).
`error.for_terminal()` is what the commands print: the same sentence, with the command
or option to use when there is one."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """The store cannot do what was asked; `str(error)` is a French sentence for the
    window, `for_terminal()` the one for the command line (the same, unless given)."""

    def __init__(self, message: str, terminal: str | None = None) -> None:
        super().__init__(message)
        self._terminal = terminal

    def for_terminal(self) -> str:
        """The sentence the commands print (it may name a command or an option)."""
        return self._terminal if self._terminal is not None else str(self)


class StoreBusy(StoreError):
    def __init__(self, data_dir: Path) -> None:
        super().__init__(
            f"Passerelle est déjà ouverte sur ces données ({data_dir}) : fermez l'autre "
            f"fenêtre ou attendez la fin de l'autre commande, puis recommencez. Rien n'a été "
            f"écrit."
        )


class DatabaseInUse(StoreError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"Le fichier de données {path} est occupé par un autre programme : fermez-le, "
            f"puis recommencez. Rien n'a été écrit."
        )


class DataDirUnusable(StoreError):
    def __init__(self, data_dir: Path, why: str) -> None:
        said = f"Le dossier de données {data_dir} n'est pas utilisable ({why})."
        super().__init__(
            f"{said} Fermez Passerelle, faites corriger les droits de ce dossier (ou rebranchez "
            f"le disque qui le contient), puis rouvrez Passerelle.",
            terminal=f"{said} Choisissez-en un autre avec --data-dir, ou corrigez ses droits.",
        )


def quoted(path: Path) -> str:
    """A path as typed in a command: in double quotes when it holds a space."""
    text = str(path)
    return f'"{text}"' if any(c.isspace() for c in text) else text


class DatabaseDamaged(StoreError):
    def __init__(
        self, problem: str, moved_to: Path, newest_backup: Path | None, data_dir: Path
    ) -> None:
        self.moved_to = moved_to
        self.newest_backup = newest_backup
        said = (
            f"Le fichier de données était endommagé ({problem}). Il a été mis de côté, sans "
            f"être effacé, sous le nom {moved_to}."
        )
        if newest_backup is None:
            none = " Aucune sauvegarde saine n'a été trouvée."
            super().__init__(said + none)
            return
        command = f"passerelle --data-dir {quoted(data_dir)} restore {quoted(newest_backup)}"
        super().__init__(
            f"{said} La sauvegarde saine la plus récente est {newest_backup}. Pour la "
            f"remettre en place : fermez Passerelle et rouvrez-la (elle demandera d'abord la "
            f"structure, comme au premier démarrage ; la sauvegarde la remplacera), puis "
            f"choisissez Fichier › Restaurer une sauvegarde… et ce fichier.",
            terminal=(
                f"{said} La sauvegarde saine la plus récente est {newest_backup} : pour la "
                f"remettre en place, lancez « {command} »."
            ),
        )


class NewerSchema(StoreError):
    def __init__(self, path: Path, revision: str) -> None:
        super().__init__(
            f"Le fichier {path} vient d'une version plus récente de Passerelle (schéma "
            f"« {revision} ») : mettez Passerelle à jour pour l'ouvrir. Rien n'a été modifié."
        )


class CandidateNotFound(StoreError):
    def __init__(self, ref: str) -> None:
        super().__init__(f"Aucun candidat de référence « {ref} » dans ces données.")


class AmbiguousCandidate(StoreError):
    def __init__(self, ref: str, sirets: list[str]) -> None:
        said = f"Plusieurs structures ont un candidat « {ref} » (SIRET {', '.join(sirets)})"
        super().__init__(
            f"{said} : choisissez-le dans la liste des candidats.",
            terminal=f"{said} : précisez --siret.",
        )


class DiskFull(StoreError):
    def __init__(self) -> None:
        super().__init__(
            "Le disque est plein : libérez de la place, puis recommencez. Rien n'a été modifié."
        )


class DataLocked(StoreError):
    """A protected data folder, not unlocked: nothing was read nor written."""

    def __init__(self, data_dir: Path, wrong: bool = False) -> None:
        said = (
            "Mot de passe incorrect : ces données protégées n'ont pas été ouvertes"
            if wrong
            else f"Les données de {data_dir} sont protégées par un mot de passe"
        )
        super().__init__(
            f"{said}. Tapez le mot de passe pour les ouvrir. Rien n'a été modifié.",
            terminal=f"{said} : donnez-le avec --data-password-file FICHIER (ou la variable "
            "PASSERELLE_DATA_PASSWORD_FILE). Rien n'a été lu ni écrit.",
        )


class KeyFileMissing(StoreError):
    """An encrypted database whose key file is missing: never taken for a damaged file."""

    def __init__(self, data_dir: Path) -> None:
        super().__init__(
            f"Les données de {data_dir} sont chiffrées, mais leur fichier de clé "
            "(passerelle.key) manque : remettez-le en place — une copie accompagne chaque "
            "sauvegarde (sauvegardes/….sqlite3.key, à copier sous le nom passerelle.key). "
            "Rien n'a été modifié."
        )


class DataReadOnly(StoreError):
    def __init__(self, data_dir: Path) -> None:
        super().__init__(
            f"Le dossier de données {data_dir} est en lecture seule : Passerelle ne peut rien y "
            f"enregistrer (disque ou clé USB protégés en écriture, ou droits insuffisants). "
            f"Rien n'a été modifié."
        )


class DatabaseCorrupt(StoreError):
    """Found damaged while in use (at opening, DatabaseDamaged moves the file aside)."""

    def __init__(self, path: Path, what: str) -> None:
        said = f"Le fichier de données {path} est endommagé ({what}). Rien n'a été modifié."
        after = (
            "le fichier endommagé sera mis de côté, sans être effacé, et la sauvegarde saine "
            "la plus récente indiquée"
        )
        super().__init__(
            f"{said} Fermez Passerelle et rouvrez-la : {after}.",
            terminal=f"{said} Relancez la commande : {after}, avec la commande qui la restaure.",
        )


class DiskError(StoreError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"Le disque a signalé une erreur d'entrée-sortie sur {path} : vérifiez qu'il est "
            f"bien branché (clé USB, disque réseau), puis recommencez. Rien n'a été modifié."
        )


class DatabaseRefused(StoreError):
    """Any other failure of the database, said without SQLite's English words."""

    def __init__(self, why: str) -> None:
        super().__init__(f"La base de données a refusé l'opération ({why}). Rien n'a été modifié.")

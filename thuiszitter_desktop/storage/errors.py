"""Storage errors a user can act on; each carries a calm Dutch message."""

from __future__ import annotations

import errno

from thuiszitter_desktop.domain.errors import UserError

# Why a file could not be written, in words a user can act on.
_OS_REASONS = {
    errno.ENOSPC: "de schijf is vol",
    errno.EFBIG: "de schijf is vol of het bestand is te groot voor deze schijf",
    errno.EDQUOT: "de schijfruimte die u mag gebruiken is op",
    errno.EACCES: "u mag in deze map niet schrijven",
    errno.EPERM: "u mag in deze map niet schrijven",
    errno.EROFS: "de schijf is alleen te lezen",
    errno.ENOENT: "een bestand of map bestaat niet (meer)",
    errno.EIO: "de schijf gaf een schrijffout (is de USB-stick losgekoppeld?)",
}


def os_reason(exc: BaseException) -> str:
    """A Dutch reason for a failed file operation (never the raw, English system text)."""
    return _OS_REASONS.get(getattr(exc, "errno", None) or 0,
                           "het bestand kon niet worden geschreven")


class VaultError(UserError):
    """Base for problems with the vault file."""


class WrongPassphraseError(VaultError):
    def __init__(self) -> None:
        super().__init__(
            "Het wachtwoord klopt niet. Controleer het wachtwoord (en Caps Lock) en probeer "
            "het opnieuw."
        )


class NotEncryptedError(VaultError):
    def __init__(self) -> None:
        super().__init__(
            "Dit bestand is geen versleutelde kluis maar een gewone, onversleutelde database. "
            "Thuiszitter Desktop opent alleen versleutelde kluizen."
        )


class NewerVaultError(VaultError):
    def __init__(self, vault_major: int, app_major: int) -> None:
        super().__init__(
            f"Deze kluis is gemaakt met een nieuwere versie van Thuiszitter Desktop "
            f"(schemaversie {vault_major}, deze versie kent {app_major}). Installeer de nieuwste "
            "versie om de kluis te openen. Er is niets gewijzigd."
        )


class VaultCorruptError(VaultError):
    """The vault or its key file is damaged; never silently replaced."""


class VaultRefusedError(VaultCorruptError):
    """A vault file that must not be opened: empty, truncated, or not this key file's vault.

    It is never migrated or written; the app offers the newest backup that holds data."""

    def __init__(self, what: str) -> None:
        super().__init__(f"{what} De kluis is daarom niet geopend en er is niets aan "
                         "veranderd.")


class KeySlotDamagedError(VaultCorruptError):
    def __init__(self, kind: str) -> None:
        way = "het wachtwoord" if kind == "passphrase" else "de herstelsleutel"
        other = ("Gebruik de herstelsleutel" if kind == "passphrase"
                 else "Gebruik uw wachtwoord")
        super().__init__(
            f"Het sleutelbestand (kluis.keys) is beschadigd: het deel voor {way} is niet meer "
            f"leesbaar. Dit ligt niet aan wat u typte. {other}, of zet een back-up terug "
            "(met het sleutelbestand dat erbij hoort). Er is niets gewijzigd.")


class KeyFileWriteError(VaultError):
    def __init__(self, exc: BaseException) -> None:
        super().__init__(
            f"Het sleutelbestand kon niet worden opgeslagen: {os_reason(exc)}. Het oude "
            "sleutelbestand is onveranderd; uw wachtwoord en herstelsleutel werken nog zoals "
            "eerst.")


class BackupError(VaultError):
    """A backup that could not be made; nothing half-made is left behind.

    ``vault_suspect``: the failure points at the vault itself (not at the target folder)."""

    def __init__(self, message: str, vault_suspect: bool = False) -> None:
        super().__init__(message)
        self.vault_suspect = vault_suspect

    @classmethod
    def write_failed(cls, exc: BaseException) -> BackupError:
        return cls(f"De back-up is niet gemaakt: {os_reason(exc)}. Er is geen halve back-up "
                   "achtergebleven; de kluis zelf is onveranderd.")


class VaultExistsError(VaultError):
    def __init__(self, key_file_left: bool = False) -> None:
        super().__init__(
            "In de map staat nog het sleutelbestand (kluis.keys) van een eerdere kluis. Dat "
            "wordt niet overschreven: het hoort bij uw vorige kluis. Kies 'Back-up "
            "terugzetten…' om die kluis terug te halen. Wilt u echt opnieuw beginnen, verplaats "
            "dan eerst dat bestand."
            if key_file_left else
            "Er bestaat al een kluis op deze plek. Er is niets overschreven.")


class DiskFullError(VaultError):
    def __init__(self) -> None:
        super().__init__(
            "Opslaan is niet gelukt: de schijf is vol. Maak ruimte vrij en probeer het opnieuw. "
            "Uw eerdere gegevens zijn onveranderd."
        )


class ReadOnlyVaultError(VaultError):
    def __init__(self) -> None:
        super().__init__(
            "De kluis is beschadigd en daarom alleen te lezen; er kan niets worden opgeslagen. "
            "Zet een back-up terug via Bestand → Back-up terugzetten…"
        )


class WeakPassphraseError(VaultError):
    pass

"""Storage errors a user can act on; each carries a calm Dutch message."""

from __future__ import annotations

from thuiszitter_desktop.domain.errors import UserError


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


class VaultExistsError(VaultError):
    def __init__(self) -> None:
        super().__init__("Er bestaat al een kluis op deze plek. Er is niets overschreven.")


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

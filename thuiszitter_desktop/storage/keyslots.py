"""Key slots: the vault's random data key, wrapped once per way of unlocking it.

The SQLCipher database is keyed with a random 256-bit data key (raw key, so any SQLCipher 4
tool opens it with ``PRAGMA key = "x'…'"``). That key is stored only wrapped (AES-256-GCM) in
the key file next to the vault, once under the passphrase (Argon2id) and once under the
printable recovery key. A forgotten passphrase is therefore recoverable, and changing the
passphrase rewraps the key without re-encrypting the data.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from thuiszitter_desktop.storage.errors import VaultCorruptError, WrongPassphraseError
from thuiszitter_desktop.storage.files import atomic_write

KEY_FILE_FORMAT = 1
DATA_KEY_BYTES = 32
# Base32 without padding, grouped for reading aloud and typing from paper.
RECOVERY_GROUP = 4


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost; the default takes about half a second on a 2-core laptop."""

    time_cost: int = 4
    memory_cost_kib: int = 262_144
    parallelism: int = 2


DEFAULT_KDF = KdfParams()


def derive_passphrase_key(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    return hash_secret_raw(
        passphrase.encode("utf-8"), salt, time_cost=params.time_cost,
        memory_cost=params.memory_cost_kib, parallelism=params.parallelism, hash_len=32,
        type=Type.ID,
    )


def _derive_recovery_key(recovery: bytes, salt: bytes) -> bytes:
    # The recovery secret has 256 bits of entropy: a fast KDF suffices.
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"thuiszitter-recovery")
    return hkdf.derive(recovery)


def new_data_key() -> bytes:
    return secrets.token_bytes(DATA_KEY_BYTES)


def new_recovery_secret() -> bytes:
    return secrets.token_bytes(32)


def format_recovery_key(secret: bytes) -> str:
    """'ABCD-EFGH-…' (13 groups), printable for the organisation's safe."""
    encoded = base64.b32encode(secret).decode("ascii").rstrip("=")
    return "-".join(encoded[i:i + RECOVERY_GROUP] for i in range(0, len(encoded), RECOVERY_GROUP))


def parse_recovery_key(text: str) -> bytes:
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    cleaned = cleaned.replace("0", "O").replace("1", "I").replace("8", "B")
    padding = "=" * (-len(cleaned) % 8)
    try:
        secret = base64.b32decode(cleaned + padding)
    except ValueError:
        raise WrongPassphraseError() from None
    if len(secret) != 32:
        raise WrongPassphraseError()
    return secret


@dataclass(frozen=True)
class Slot:
    kind: str  # "passphrase" or "recovery"
    salt: str
    nonce: str
    wrapped: str
    time_cost: int = 0
    memory_cost_kib: int = 0
    parallelism: int = 0


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"))


def _wrap(kek: bytes, data_key: bytes) -> tuple[bytes, bytes]:
    nonce = os.urandom(12)
    return nonce, AESGCM(kek).encrypt(nonce, data_key, b"thuiszitter-vault-key")


def _unwrap(kek: bytes, nonce: bytes, wrapped: bytes) -> bytes:
    try:
        return AESGCM(kek).decrypt(nonce, wrapped, b"thuiszitter-vault-key")
    except InvalidTag:
        raise WrongPassphraseError() from None


def passphrase_slot(data_key: bytes, passphrase: str, params: KdfParams) -> Slot:
    salt = os.urandom(16)
    nonce, wrapped = _wrap(derive_passphrase_key(passphrase, salt, params), data_key)
    return Slot("passphrase", _b64(salt), _b64(nonce), _b64(wrapped), params.time_cost,
                params.memory_cost_kib, params.parallelism)


def recovery_slot(data_key: bytes, recovery: bytes) -> Slot:
    salt = os.urandom(16)
    nonce, wrapped = _wrap(_derive_recovery_key(recovery, salt), data_key)
    return Slot("recovery", _b64(salt), _b64(nonce), _b64(wrapped))


@dataclass(frozen=True)
class KeyFile:
    slots: tuple[Slot, ...]

    def slot(self, kind: str) -> Slot:
        for slot in self.slots:
            if slot.kind == kind:
                return slot
        raise VaultCorruptError("Het sleutelbestand van de kluis is onvolledig.")

    def unlock_with_passphrase(self, passphrase: str) -> bytes:
        slot = self.slot("passphrase")
        params = KdfParams(slot.time_cost, slot.memory_cost_kib, slot.parallelism)
        kek = derive_passphrase_key(passphrase, _unb64(slot.salt), params)
        return _unwrap(kek, _unb64(slot.nonce), _unb64(slot.wrapped))

    def unlock_with_recovery(self, recovery_text: str) -> bytes:
        slot = self.slot("recovery")
        kek = _derive_recovery_key(parse_recovery_key(recovery_text), _unb64(slot.salt))
        return _unwrap(kek, _unb64(slot.nonce), _unb64(slot.wrapped))

    def with_passphrase(self, data_key: bytes, passphrase: str, params: KdfParams) -> KeyFile:
        others = tuple(s for s in self.slots if s.kind != "passphrase")
        return KeyFile((passphrase_slot(data_key, passphrase, params), *others))

    def to_json(self) -> bytes:
        body: dict[str, Any] = {"format": KEY_FILE_FORMAT,
                                "slots": [asdict(slot) for slot in self.slots]}
        return json.dumps(body, indent=2).encode("utf-8")

    @staticmethod
    def from_json(raw: bytes) -> KeyFile:
        try:
            body = json.loads(raw.decode("utf-8"))
            if body.get("format") != KEY_FILE_FORMAT:
                raise VaultCorruptError(
                    "Het sleutelbestand hoort bij een andere versie van Thuiszitter Desktop."
                )
            return KeyFile(tuple(Slot(**slot) for slot in body["slots"]))
        except (ValueError, KeyError, TypeError, AttributeError):
            raise VaultCorruptError("Het sleutelbestand van de kluis is beschadigd.") from None

    def save(self, path: Path) -> None:
        atomic_write(path, self.to_json())

    @staticmethod
    def load(path: Path) -> KeyFile:
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise VaultCorruptError(
                "Het sleutelbestand van de kluis ontbreekt. Zet het terug vanuit een back-up."
            ) from None
        return KeyFile.from_json(raw)

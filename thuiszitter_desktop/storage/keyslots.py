"""Key slots: the vault's random data key, wrapped once per way of unlocking it.

The SQLCipher database is keyed with a random 256-bit data key (raw key, so any SQLCipher 4
tool opens it with ``PRAGMA key = "x'…'"``). That key is stored only wrapped (AES-256-GCM) in
the key file next to the vault, once under the passphrase (Argon2id) and once under the
printable recovery key. A forgotten passphrase is therefore recoverable, and changing the
passphrase rewraps the key without re-encrypting the data.

The key file also names its vault (``vault_id``, stored in the database's ``vault_meta`` too)
and carries a check value of the data key (an HMAC, so it says nothing about the key), so a
backup can be verified to open with its own key file. Each slot carries a digest of its own
fields: a damaged slot is reported as damaged, not as a wrong passphrase.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from thuiszitter_desktop.storage.errors import (
    KeyFileWriteError,
    KeySlotDamagedError,
    VaultCorruptError,
    WrongPassphraseError,
)
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


def key_check_value(data_key: bytes) -> str:
    """A value that shows which data key a key file wraps, without revealing anything of it."""
    return hmac.new(data_key, b"thuiszitter-key-check", hashlib.sha256).hexdigest()[:32]


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
    digest: str = ""  # of the fields above; empty in key files of earlier versions

    def sealed(self) -> Slot:
        return replace(self, digest=self._fields_digest())

    def _fields_digest(self) -> str:
        fields = asdict(self)
        del fields["digest"]
        return hashlib.sha256(json.dumps(fields, sort_keys=True).encode()).hexdigest()[:32]

    def parts(self) -> tuple[bytes, bytes, bytes]:
        """Salt, nonce and wrapped key; KeySlotDamagedError when the slot is not intact."""
        if self.digest and not hmac.compare_digest(self.digest, self._fields_digest()):
            raise KeySlotDamagedError(self.kind)
        try:
            salt, nonce, wrapped = (_unb64(self.salt), _unb64(self.nonce), _unb64(self.wrapped))
        except (ValueError, binascii.Error):
            raise KeySlotDamagedError(self.kind) from None
        if len(nonce) != 12 or len(wrapped) != DATA_KEY_BYTES + 16 or not salt:
            raise KeySlotDamagedError(self.kind)
        return salt, nonce, wrapped


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
                params.memory_cost_kib, params.parallelism).sealed()


def recovery_slot(data_key: bytes, recovery: bytes) -> Slot:
    salt = os.urandom(16)
    nonce, wrapped = _wrap(_derive_recovery_key(recovery, salt), data_key)
    return Slot("recovery", _b64(salt), _b64(nonce), _b64(wrapped)).sealed()


@dataclass(frozen=True)
class KeyFile:
    slots: tuple[Slot, ...]
    vault_id: str = ""  # empty in key files of earlier versions (filled at the next unlock)
    key_check: str = ""

    @staticmethod
    def new(data_key: bytes, slots: tuple[Slot, ...], vault_id: str) -> KeyFile:
        return KeyFile(slots, vault_id, key_check_value(data_key))

    def slot(self, kind: str) -> Slot:
        for slot in self.slots:
            if slot.kind == kind:
                return slot
        raise VaultCorruptError("Het sleutelbestand van de kluis is onvolledig.")

    def unlock_with_passphrase(self, passphrase: str) -> bytes:
        slot = self.slot("passphrase")
        salt, nonce, wrapped = slot.parts()
        params = KdfParams(slot.time_cost, slot.memory_cost_kib, slot.parallelism)
        kek = derive_passphrase_key(passphrase, salt, params)
        return self._checked(_unwrap(kek, nonce, wrapped), slot.kind)

    def unlock_with_recovery(self, recovery_text: str) -> bytes:
        slot = self.slot("recovery")
        salt, nonce, wrapped = slot.parts()
        kek = _derive_recovery_key(parse_recovery_key(recovery_text), salt)
        return self._checked(_unwrap(kek, nonce, wrapped), slot.kind)

    def _checked(self, data_key: bytes, kind: str) -> bytes:
        if self.key_check and not self.holds(data_key):
            raise KeySlotDamagedError(kind)
        return data_key

    def holds(self, data_key: bytes) -> bool:
        """Whether this key file unlocks to ``data_key`` (by its check value)."""
        return hmac.compare_digest(self.key_check, key_check_value(data_key))

    def with_passphrase(self, data_key: bytes, passphrase: str, params: KdfParams) -> KeyFile:
        others = tuple(s for s in self.slots if s.kind != "passphrase")
        return replace(self, slots=(passphrase_slot(data_key, passphrase, params), *others),
                       key_check=key_check_value(data_key))

    def with_new_recovery(self, data_key: bytes) -> tuple[KeyFile, str]:
        """A fresh recovery slot (the old recovery key no longer opens this key file); returns
        the new printable recovery key."""
        secret = new_recovery_secret()
        others = tuple(s for s in self.slots if s.kind != "recovery")
        updated = replace(self, slots=(*others, recovery_slot(data_key, secret)),
                          key_check=key_check_value(data_key))
        return updated, format_recovery_key(secret)

    def with_identity(self, data_key: bytes, vault_id: str) -> KeyFile:
        return replace(self, vault_id=vault_id, key_check=key_check_value(data_key))

    def to_json(self) -> bytes:
        body: dict[str, Any] = {"format": KEY_FILE_FORMAT, "vault_id": self.vault_id,
                                "key_check": self.key_check,
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
            return KeyFile(tuple(Slot(**slot) for slot in body["slots"]),
                           str(body.get("vault_id", "")), str(body.get("key_check", "")))
        except (ValueError, KeyError, TypeError, AttributeError):
            raise VaultCorruptError("Het sleutelbestand van de kluis is beschadigd.") from None

    def save(self, path: Path) -> None:
        try:
            atomic_write(path, self.to_json())
        except OSError as exc:
            raise KeyFileWriteError(exc) from None

    @staticmethod
    def load(path: Path) -> KeyFile:
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise VaultCorruptError(
                "Het sleutelbestand van de kluis ontbreekt. Zet het terug vanuit een back-up."
            ) from None
        return KeyFile.from_json(raw)

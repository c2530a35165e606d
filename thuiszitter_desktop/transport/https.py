"""A small JSON-over-HTTPS client that trusts one pinned certificate (by SHA-256 fingerprint).

The certificate chain is not checked against a CA: the server's certificate is usually
self-signed, and the fingerprint, compared by a person when joining, is a stronger check. No
request body is sent before the fingerprint matched.
"""

from __future__ import annotations

import gzip
import http.client
import json
import socket
import ssl
from typing import Any
from urllib.parse import urlsplit

from thuiszitter_desktop.transport.pinning import fingerprint_of_der, normalise

DEFAULT_PORT = 8443


class TransportError(Exception):
    """A sync failure with a Dutch message for the status bar or a dialog."""


class Unreachable(TransportError):
    pass


class WrongCertificate(TransportError):
    def __init__(self, expected: str, found: str) -> None:
        super().__init__("Het certificaat van de server klopt niet met de vingerafdruk die bij "
                         "het aansluiten is bevestigd. Er is niets verstuurd. Neem contact op "
                         "met de beheerder.")
        self.expected = expected
        self.found = found


class Refused(TransportError):
    """The server said no (``reason``: ingetrokken, onbekend, code, …)."""

    def __init__(self, status: int, reason: str, message: str,
                 detail: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.reason = reason
        self.detail = detail or {}  # the whole answer (e.g. which changes were refused)


def split_address(address: str) -> tuple[str, int]:
    """'teamserver.regio.nl', 'https://10.0.0.5:8443' or 'host:9000' as (host, port)."""
    text = address.strip()
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    if parts.scheme != "https" or not parts.hostname:
        raise TransportError("Vul het adres van de server in, bijvoorbeeld "
                             "teamserver.regio.nl of teamserver.regio.nl:8443.")
    return parts.hostname, parts.port or DEFAULT_PORT


def _context() -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # the pinned fingerprint is checked instead
    return context


class HttpsClient:
    """One keep-alive connection to the server; not thread-safe (one per sync run)."""

    def __init__(self, address: str, fingerprint: str | None, token: str | None = None,
                 timeout: float = 30.0) -> None:
        self.host, self.port = split_address(address)
        self.fingerprint = normalise(fingerprint) if fingerprint else None
        self.token = token
        self.timeout = timeout
        self._conn: http.client.HTTPSConnection | None = None

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> HttpsClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def peer_fingerprint(self) -> str:
        """Connect and return the server's certificate fingerprint (to show before trusting)."""
        conn = self._open()
        try:
            return self._found(conn)
        finally:
            conn.close()  # never reused: nothing is sent over an unchecked connection

    def _open(self) -> http.client.HTTPSConnection:
        conn = http.client.HTTPSConnection(self.host, self.port, timeout=self.timeout,
                                           context=_context())
        try:
            conn.connect()
        except (OSError, ssl.SSLError) as exc:
            conn.close()
            raise Unreachable(f"De server {self.host} is niet bereikbaar.") from exc
        return conn

    @staticmethod
    def _found(conn: http.client.HTTPSConnection) -> str:
        der = conn.sock.getpeercert(binary_form=True) if conn.sock else None
        return fingerprint_of_der(der or b"")

    def _connect(self) -> http.client.HTTPSConnection:
        if self._conn is not None:
            return self._conn
        conn = self._open()
        found = self._found(conn)
        if found != self.fingerprint:
            conn.close()
            raise WrongCertificate(self.fingerprint or "", found)
        self._conn = conn
        return conn

    def get(self, path: str) -> dict[str, Any]:
        return self.request("GET", path)

    def post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        return self.request("POST", path, body)

    def request(self, method: str, path: str, body: dict[str, Any] | None = None,
                retry: bool = True) -> dict[str, Any]:
        if self.fingerprint is None:
            raise WrongCertificate("", "")
        conn = self._connect()
        headers = {"Accept": "application/json", "Accept-Encoding": "gzip"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        payload = None
        if body is not None:
            payload = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
            headers["Content-Type"] = "application/json"
        try:
            conn.request(method, path, body=payload, headers=headers)
            response = conn.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException, ssl.SSLError) as exc:
            self.close()
            # A kept-alive connection the server closed meanwhile: one fresh try.
            if retry and isinstance(exc, http.client.RemoteDisconnected | BrokenPipeError):
                return self.request(method, path, body, retry=False)
            if isinstance(exc, socket.timeout | TimeoutError):
                raise Unreachable("De server antwoordde niet op tijd.") from exc
            raise Unreachable(f"De verbinding met {self.host} is verbroken.") from exc
        if response.getheader("Content-Encoding") == "gzip":
            data = gzip.decompress(data)
        try:
            answer = json.loads(data) if data else {}
        except ValueError as exc:
            raise Unreachable("De server gaf een onleesbaar antwoord.") from exc
        if response.status >= 400:
            reason = str(answer.get("fout", "")) if isinstance(answer, dict) else ""
            message = str(answer.get("melding", "")) if isinstance(answer, dict) else ""
            raise Refused(response.status, reason,
                          message or f"De server weigerde het verzoek ({response.status}).",
                          answer if isinstance(answer, dict) else None)
        return answer if isinstance(answer, dict) else {}

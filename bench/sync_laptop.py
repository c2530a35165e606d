"""One laptop of the 20-laptop sync measure, as its own process (bench/sync_bench.py).

    python -m bench.sync_laptop VAULT PASSPHRASE CASE_ID GO_FILE

Unlocks the vault and syncs once to warm up (as a laptop whose app has been running: its
queries compiled, the server's certificate seen), changes one case, says ``ready``, waits for
GO_FILE, syncs once more and prints ``{"seconds": …, "error": …}``.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from thuiszitter_desktop.services import cases, sync
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.storage.vault import Vault
from thuiszitter_desktop.transport.https import HttpsClient


class TimedClient(HttpsClient):
    """Adds up the time spent in requests: the network and the server's part of a sync (on
    a real team the laptop's own part runs on its own processor, not on the server's)."""

    waited = 0.0

    def request(self, method: str, path: str, body: dict[str, Any] | None = None,
                retry: bool = True) -> dict[str, Any]:
        began = time.perf_counter()
        try:
            return super().request(method, path, body, retry)
        finally:
            self.waited += time.perf_counter() - began


def main(argv: list[str]) -> int:
    vault_path, passphrase, case_id, go_file = argv
    vault = Vault.unlock(Path(vault_path), passphrase)
    ctx = AppContext(vault=vault, actor="bench")
    sync.sync_now(ctx)
    detail = cases.load_case(ctx, case_id)
    cases.save_case(ctx, detail.pupil, replace(detail.case, notes=f"Gewijzigd {time.time()}"))
    print("ready", flush=True)
    while not Path(go_file).exists():
        time.sleep(0.001)
    plain = sync.client_for(ctx)
    assert plain is not None
    client = TimedClient(f"{plain.host}:{plain.port}", plain.fingerprint, plain.token)
    began = time.perf_counter()
    report = sync.sync_now(ctx, client=client)
    seconds = time.perf_counter() - began
    client.close()
    vault.lock()
    print(json.dumps({"seconds": seconds, "server_seconds": client.waited,
                      "error": report.error, "pushed": report.pushed}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

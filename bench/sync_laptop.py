"""One laptop of the 20-laptop sync measure, as its own process (bench/sync_bench.py).

    python -m bench.sync_laptop VAULT PASSPHRASE CASE_ID GO_FILE

Unlocks the vault, changes one case, says ``ready``, waits for GO_FILE, syncs once and prints
``{"seconds": …, "error": …}``.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import replace
from pathlib import Path

from thuiszitter_desktop.services import cases, sync
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.storage.vault import Vault


def main(argv: list[str]) -> int:
    vault_path, passphrase, case_id, go_file = argv
    vault = Vault.unlock(Path(vault_path), passphrase)
    ctx = AppContext(vault=vault, actor="bench")
    detail = cases.load_case(ctx, case_id)
    cases.save_case(ctx, detail.pupil, replace(detail.case, notes=f"Gewijzigd {time.time()}"))
    print("ready", flush=True)
    while not Path(go_file).exists():
        time.sleep(0.001)
    began = time.perf_counter()
    report = sync.sync_now(ctx)
    seconds = time.perf_counter() - began
    vault.lock()
    print(json.dumps({"seconds": seconds, "error": report.error, "pushed": report.pushed}),
          flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Every benchmark keeps what it measured: benchmarks/results/<name>-<UTC time>.json, with the commit it measured
(and whether the tree had uncommitted changes), so each figure in the README names the file and the commit."""

from __future__ import annotations

import json
import subprocess
from datetime import datetime, timezone
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def commit() -> str:
    """The measured commit ("…+changes" when the tree differs from it; "unknown" outside a git checkout)."""
    root = RESULTS.parent.parent
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=root, capture_output=True)
    except OSError:
        return "unknown"
    if head.returncode != 0:
        return "unknown"
    return head.stdout.strip() + ("+changes" if dirty.stdout.strip() else "")


def save(name: str, results: dict | list, smoke: bool = False) -> Path:
    """Write the results (a smoke run overwrites <name>-smoke.json, which only shows the script still works)."""
    RESULTS.mkdir(exist_ok=True)
    stamp = "smoke" if smoke else f"{datetime.now(timezone.utc):%Y%m%dT%H%M%SZ}"
    path = RESULTS / f"{name}-{stamp}.json"
    path.write_text(json.dumps({"commit": commit(), "results": results}, indent=2, ensure_ascii=False) + "\n")
    print(f"saved {path.relative_to(RESULTS.parent.parent)}")
    return path

"""The benchmarks keep working: smoke runs (a few users, one page load) whose numbers must be sane, not fast."""

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # left out of the fast tier (python -m pytest -m "not slow")
ROOT = Path(__file__).resolve().parent.parent


def test_classroom_benchmark_smoke_run():
    run = subprocess.run(
        [sys.executable, "-m", "benchmarks.classroom", "--smoke"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    saved = json.loads((ROOT / "benchmarks" / "results" / "classroom-smoke.json").read_text())
    assert saved["commit"]  # the measured commit is named beside the numbers
    results = saved["results"]
    (row,) = results["streams"]
    assert row["users"] == 5
    assert 0.5 < row["wall_ratio"] < 20 and 0.5 < row["gradio_client_wall_ratio"] < 20
    assert 300 <= row["ttft_p50_ms"] <= row["ttft_p95_ms"] < 20_000  # the upstream waits 300 ms first
    assert 0 < row["cpu_ms_per_reply"] < 2000
    assert 0 <= results["memory"]["mb_per_session"] < 50
    assert 0.5 < results["cold_start"]["ratio"] < 10
    assert results["builtin"]["model_tokens_per_s"] > 1000 and math.isfinite(results["builtin"]["server_startup_s"])
    assert "| users |" in run.stdout


def test_builtin_lessons_benchmark_smoke_run():
    run = subprocess.run(
        [sys.executable, "-m", "benchmarks.builtin_lessons", "--smoke"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    lines = run.stdout.splitlines()
    assert lines[0] == "builtin model, temperature 0.7, 4 samples each"
    shares = [line.split()[-1] for line in lines if line.strip().startswith(("es ", "en ")) and "json" in line.lower()]
    assert shares == ["100%"] * 4  # JSON mode: every reply parses, even in a smoke run


def test_sweep_benchmark_smoke_run():
    from benchmarks import sweep

    results = sweep.main(["--smoke"])
    assert 0.5 < results["sweep_vs_slowest_direct"] < 20
    assert 0 < results["sweep_cpu_ms_per_stream"] < 2000 and 0 < results["streaming_cpu_ms_per_stream"] < 2000


def test_abuse_benchmark_smoke_run():
    from benchmarks import abuse

    got = {row["request"]: row["outcome"] for row in abuse.main(["--smoke"])}
    assert len(got) == 14 and not [outcome for outcome in got.values() if "failed" in outcome or "500" in outcome]
    assert got["/v1 a pasted 6,000-character word"].startswith("200")
    assert got["/v1 a pasted 9,000-character word"] == "400 context_length_exceeded"
    assert got["/v1 n=8, max_tokens=8000, top_logprobs=20"] == "400 invalid_value"
    assert got["/v1 a 17 MB body"] == "413" and got["upload of 201 MB declared (the body never sent)"].startswith("413")
    assert [name for name, outcome in got.items() if outcome.startswith("refused")] == [
        "/chat the same word",
        "/chain 60 KB in, {input} x 4",
        "/stream with 5 images",
    ]
    assert [name for name, outcome in got.items() if outcome == "page opened"] == [
        name for name in got if name.startswith("share link")
    ]


def test_page_open_benchmark_smoke_run():
    from benchmarks import page_open

    results = page_open.main(["--smoke"])
    for name in ("one-tab app", "playground"):
        loaded = results["browser"][name]
        assert 0 < loaded["ready_s_median"] < 120 and loaded["kb"] > 50 and loaded["heap_mb"] > 0.5
        crowd = results["visitors"][name]
        assert crowd["ready"] == crowd["visitors"] == 10 and 0 < crowd["p50_s"] <= crowd["p95_s"] < 60
        assert 0 < crowd["cpu_ms_per_session"] < 5000
    # The page's big answers go out compressed: fewer bytes than its 1.1 MB of HTML and config alone.
    assert results["browser"]["playground"]["kb"] < 1100


def test_burst_timeline_benchmark_smoke_run():
    from benchmarks import burst_timeline

    results = burst_timeline.main(["--smoke"])
    for name in ("playground", "one-tab app"):
        (burst,) = results[name]
        arrivals, firsts = burst["arrival_ms_p5_p50_p95"], burst["first_token_ms_p5_p50_p95"]
        assert 0 < arrivals[0] <= arrivals[1] <= arrivals[2] < 30_000
        # The host answers its first token 300 ms after a request arrives (less the clocks' few ms apart).
        assert arrivals[1] + 250 <= firsts[1] <= firsts[2] < 60_000

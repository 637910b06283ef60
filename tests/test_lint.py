"""ruff is part of the test suite, so the README's test command checks style too; vermin checks that the code
runs on Python 3.10, the oldest Gradio 6 supports."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ruff_check_and_format():
    for args in (["check", "."], ["format", "--check", "."]):
        result = subprocess.run([sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def test_no_module_is_over_300_lines():
    for path in list((ROOT / "components").rglob("*.py")) + [ROOT / "app.py"]:
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 300, path


def test_the_code_runs_on_python_3_10():
    paths = ["app.py", "components", "tests", "benchmarks"]
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, vermin; sys.exit(vermin.main())",
            "--no-tips",
            "--violations",
            "--eval-annotations",
            "-t=3.10-",
            *paths,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr

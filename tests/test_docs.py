"""The README stays true: its settings table names every variable the code reads (and only those), with each
host's default model; its numbers are the code's."""

import re
from pathlib import Path

from components.classroom.playground import MAX_KEPT
from components.core.hosts import HOSTS

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()
NOT_VARIABLES = {"O_NOFOLLOW", "O_NONBLOCK"}  # os flags, spelled like variables
READ_ELSEWHERE = {"GRADIO_SERVER_NAME", "GRADIO_SERVER_PORT"}  # read by Gradio itself


def code_variables() -> set[str]:
    paths = [ROOT / "app.py", *(p for p in (ROOT / "components").rglob("*.py") if "i18n" not in p.parts)]
    named = set()
    for path in paths:
        named |= set(re.findall(r"[\"']([A-Z][A-Z0-9]*_[A-Z0-9_]+)[\"']", path.read_text()))
    for host in HOSTS:
        named |= {*host.key_vars, *host.listed_when, host.base_url_var, host.model_var} - {None}
    return named - NOT_VARIABLES


def settings_table() -> dict[str, str]:
    section = README.split("## Every setting", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        if line.startswith("| `"):
            first, rest = line[2:].split(" | ", 1)
            for name in re.findall(r"`([A-Z0-9_]+)`", first):
                rows[name] = rest
    return rows


def test_the_settings_table_names_every_variable_the_code_reads_and_no_other():
    table, code = set(settings_table()), code_variables()
    assert not code - table, f"read by the code, missing from README's table: {sorted(code - table)}"
    assert not table - code - READ_ELSEWHERE, f"in README's table, read by nothing: {sorted(table - code)}"


def test_each_hosts_default_model_and_url_are_in_its_row():
    table = settings_table()
    for host in HOSTS:
        if host.default_model and host.model_var:
            assert f"`{host.default_model}`" in table[host.model_var], host.id
        if host.base_url and host.base_url_var:
            assert f"`{host.base_url}`" in table[host.base_url_var], host.id


def test_the_readme_says_how_many_calls_an_export_keeps():
    assert f"keeps the last\n{MAX_KEPT} calls per tab and session" in README

"""Documentation stays true: every command has help and a section in docs/cli.md; README commands exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from eventsift.cli.main import COMMANDS, build_parser, main

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("command", COMMANDS)
def test_docs_every_command_has_help_and_a_docs_section(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    assert f"eventsift {command}" in capsys.readouterr().out
    assert f"## eventsift {command}\n" in (ROOT / "docs" / "cli.md").read_text("utf-8")


def test_docs_readme_first_lines_are_the_setup_and_test_commands() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    block = readme.split("```")[1]
    assert "./setup.sh && .venv/bin/eventsift demo" in block
    assert ".venv/bin/python -m pytest" in block
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert "./setup.sh" in ci and ".venv/bin/python -m pytest" in ci


def test_docs_readme_mentions_only_real_commands() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    used = set(re.findall(r"eventsift (\w+)", readme)) - {"is", "turns"}
    known = set(build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    assert used <= known, used - known

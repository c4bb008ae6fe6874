"""docs/ is what the code does: the interfaces page names every command, flag, JSON key and catalog
field the code has (read from the code, or from the real command's output), every `advisor …` line
of the README parses with the real parser, and nothing in the project points outside it."""

from __future__ import annotations

import json
import re
import shlex
import sys
import typing
from pathlib import Path

import pytest
from pydantic import BaseModel

from advisor.cli import build_parser, main
from advisor.slash.commands import COMMANDS as SLASH_COMMANDS
from advisor.tools.catalog import ENTRY_TYPES
from advisor.tools.profile import WorkloadProfile
from advisor.tools.registry import TOOLS

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
INTERFACES = (DOCS / "interfaces.md").read_text(encoding="utf-8")
TEXT_FILES = {".md", ".py", ".toml", ".tcss", ".txt", ".json", ".cfg", ".ini", ".yml", ".yaml"}
NOT_OURS = {".git", ".venv", "venv", "build", "dist", "__pycache__", ".ruff_cache", ".pytest_cache", ".hypothesis"}


def _named(name: str) -> bool:
    word = rf"(?<![\w/-]){re.escape(name)}(?![\w-])"
    return f"`{name}`" in INTERFACES or re.search(rf"`[^`\n]*{word}[^`\n]*`", INTERFACES) is not None


def _missing(names: typing.Iterable[str]) -> list[str]:
    return sorted({n for n in names if not _named(n)})


def _result_model(tool) -> type[BaseModel]:
    module = sys.modules[tool.func.__module__]
    hints = typing.get_type_hints(tool.func, {**vars(module), "Catalog": object})
    return hints["return"]


def test_every_subcommand_is_documented():
    parser = build_parser([])
    sub = next(a for a in parser._actions if a.dest == "command")
    assert _missing(f"advisor {name}" for name in sub.choices) == []


@pytest.mark.parametrize("name", list(TOOLS))
def test_every_calculator_flag_and_result_key_is_documented(name):
    tool = TOOLS[name]
    row = next((line for line in INTERFACES.splitlines() if line.startswith(f"| `{name}` |")), "")
    assert row, f"docs/interfaces.md has no row for `{name}`"
    profile = set(WorkloadProfile.model_fields)
    flags = {f"--{f.replace('_', '-')}" for f in tool.input_model.model_fields if f not in profile}
    keys = set(_result_model(tool).model_fields) - {"assumptions"}
    absent = sorted(f for f in flags | keys if f"`{f}`" not in row)
    assert absent == [], f"add to {name}'s row of docs/interfaces.md: {absent}"


def test_every_profile_option_recommendation_and_plan_field_is_documented():
    from advisor.tools.compare import Recommendation
    from advisor.tools.options import Option
    from advisor.tools.plan import PlanResult

    fields = set(WorkloadProfile.model_fields) | set(Option.model_fields) | set(Recommendation.model_fields)
    assert _missing(fields | _fields(PlanResult)) == []


def _fields(model: type[BaseModel]) -> set[str]:
    """A model's fields and those of the models nested in it."""
    out: set[str] = set()
    for name, field in model.model_fields.items():
        out.add(name)
        for arg in [field.annotation, *typing.get_args(field.annotation)]:
            for inner in [arg, *typing.get_args(arg)]:
                if isinstance(inner, type) and issubclass(inner, BaseModel):
                    out |= _fields(inner)
    return out


@pytest.mark.parametrize("section", list(ENTRY_TYPES))
def test_every_catalog_field_is_documented(section):
    part = INTERFACES[INTERFACES.index("## The catalog") :]
    bullet = next((b for b in part.split("\n- ") if b.startswith(f"**{section.replace('-', '_')}**")), "")
    assert bullet, f"docs/interfaces.md has no catalog bullet for {section}"
    absent = sorted(f for f in _fields(ENTRY_TYPES[section]) if f"`{f}`" not in bullet)
    assert absent == [], f"add to the {section} bullet of docs/interfaces.md: {absent}"


def test_every_chat_command_is_documented():
    assert _missing(SLASH_COMMANDS) == []


def test_every_setting_is_documented():
    from advisor.config import _ENV, Config

    assert _missing([*Config.model_fields, *_ENV.values()]) == []


def _json_of(argv: list[str], capsys) -> dict:
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_every_key_of_the_json_documents_is_documented(tmp_path, capsys):
    """The keys the real commands print: `ask --json` (a turn, a what-if, a chat command),
    `import --json` and `report --format json`."""
    ask = ["ask", "--local", "none", "--offline", "--json", "--session", "docs"]
    turn = _json_of([*ask, "5,000 requests a day, 2K tokens in and 300 out, public data"], capsys)
    whatif = _json_of([*ask, "what if volume doubles?"], capsys)
    command = _json_of([*ask, "/set electricity_usd_per_kwh 0.30"], capsys)
    report = _json_of(["report", "--session", "docs", "--format", "json"], capsys)
    csv = tmp_path / "usage.csv"
    csv.write_text("timestamp,model,input_tokens,output_tokens\n2026-10-01T10:00:00Z,gpt-5,2000,300\n")
    imported = _json_of(["import", str(csv), "--json", "--quiet"], capsys)
    keys = set(turn) | set(whatif) | set(command) | set(report) | set(imported)
    keys |= set(turn["spend"]) | set(turn["backend"]) | set(whatif["scenario"]) | set(imported["measured"])
    assert {"scenario", "command"} <= keys
    assert _missing(keys) == []


def _readme_commands() -> list[list[str]]:
    """Every `advisor …` command line in the README's code blocks (continuations joined)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    lines: list[list[str]] = []
    for block in re.findall(r"```sh\n(.*?)```", readme, re.S):
        for line in block.replace("\\\n", " ").splitlines():
            if line.startswith("advisor "):
                lines.append(shlex.split(line, comments=True)[1:])
    return lines


@pytest.mark.parametrize("argv", _readme_commands(), ids=lambda argv: " ".join(argv)[:60])
def test_every_readme_command_parses(argv):
    """`--serving-engine` in the README and `--engine` in the parser cannot happen again."""
    args = build_parser(argv).parse_args(argv)
    if args.command == "calc":
        from advisor.slash.calc import parse_calc

        parse_calc(shlex.join(argv[1:]).replace(" --json", ""))


def _all_flags() -> set[str]:
    """Every option of `advisor`, its subcommands, and every calculator's flags."""
    import argparse

    from advisor.slash.calc import add_tool_flags

    found: set[str] = set()

    def walk(parser: argparse.ArgumentParser) -> None:
        for action in parser._actions:
            found.update(action.option_strings)
            if isinstance(action, argparse._SubParsersAction):
                for sub in action.choices.values():
                    walk(sub)

    walk(build_parser([]))
    for tool in TOOLS.values():
        parser = argparse.ArgumentParser(add_help=False)
        add_tool_flags(parser, tool)
        walk(parser)
    return found


def test_every_option_of_every_subcommand_is_documented():
    """Each subcommand's own options (a calculator's flags are its row's; see above)."""
    import argparse

    found: set[str] = set()

    def walk(parser: argparse.ArgumentParser) -> None:
        for action in parser._actions:
            found.update(o for o in action.option_strings if o.startswith("--") and o != "--help")
            if isinstance(action, argparse._SubParsersAction):
                for sub in action.choices.values():
                    if not sub.prog.startswith("advisor calc "):
                        walk(sub)

    walk(build_parser([]))
    absent = [f for f in found if not re.search(rf"(?<![\w-]){re.escape(f)}(?![\w-])", INTERFACES)]
    assert sorted(absent) == [], "add them to docs/interfaces.md's Commands"


def test_every_flag_the_readme_and_docs_name_exists():
    from advisor.slash.commands import COMMANDS

    known = _all_flags() | {"--field"}  # "/calc TOOL --field value": a placeholder
    # and a chat command's own flags, as its usage names them (`/escalate --with-my-words`)
    known |= {f for c in COMMANDS.values() for f in re.findall(r"--[a-z][a-z0-9-]*[a-z0-9]", c.usage)}
    named = {}
    for doc in [ROOT / "README.md", *DOCS.glob("*.md")]:
        for flag in re.findall(r"(?<![\w-])--[a-z][a-z0-9-]*[a-z0-9]", doc.read_text(encoding="utf-8")):
            named.setdefault(flag, doc.name)
    assert {f: where for f, where in named.items() if f not in known} == {}


def test_readme_and_docs_links_resolve():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for page in ("architecture.md", "cost-model.md", "interfaces.md"):
        assert f"(docs/{page})" in readme, page
    for doc in [ROOT / "README.md", *DOCS.glob("*.md")]:
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", doc.read_text(encoding="utf-8")):
            assert (doc.parent / target).exists(), f"{doc.name} links to {target}"


def test_nothing_in_the_project_points_outside_it():
    """The design notes outside the repository are no part of it: a clone has docs/ instead."""
    outside = re.compile(r"\.\./shared|shared/design|(?<![\w/])design/(?:architecture|cost-model|interfaces)\.md")
    found = []
    for path in ROOT.rglob("*"):
        parts = set(path.relative_to(ROOT).parts)
        if path.is_file() and path.suffix in TEXT_FILES and not parts & NOT_OURS and path != Path(__file__):
            text = path.read_text(encoding="utf-8", errors="replace")
            found += [f"{path.relative_to(ROOT)}: {m.group(0)}" for m in outside.finditer(text)]
    assert found == []

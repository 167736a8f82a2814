"""The shape of the command line: a table of commands, one module each, and no library module
that imports the command line (the library returns values; only segrules.cli prints them)."""

from __future__ import annotations

import argparse
import ast
import importlib
from pathlib import Path

import pytest

import segrules
from segrules import cli

PACKAGE = Path(segrules.__file__).resolve().parent
CLI = PACKAGE / "cli"


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imported(path: Path, root: Path) -> list[tuple[int, str]]:
    """Every module (or name) an import statement in the file names, made absolute, with its line."""
    name = _module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            out.append((node.lineno, target))
            out += [(node.lineno, f"{target}.{a.name}") for a in node.names]
    return out


def _is_cli(module: str) -> bool:
    return module == "segrules.cli" or module.startswith("segrules.cli.")


ENTRY_POINT = "__main__.py"  # `python -m segrules` runs the command line: that is its job


def library_imports_of_the_cli(root: Path = PACKAGE) -> list[str]:
    """``file:line: imports module`` for each import of segrules.cli outside segrules/cli/."""
    found: dict[tuple[str, int], str] = {}  # the first name of each import statement is enough
    for path in sorted(root.rglob("*.py")):
        if root / "cli" in path.parents or path == root / ENTRY_POINT:
            continue
        for line, target in _imported(path, root):
            if _is_cli(target):
                found.setdefault((path.relative_to(root).as_posix(), line), target)
    return [f"{file}:{line}: imports {target}" for (file, line), target in found.items()]


def test_no_library_module_imports_the_command_line():
    assert library_imports_of_the_cli() == []


@pytest.mark.parametrize(
    "file, statement, found",
    [
        ("diagram.py", "from .cli import print_json", True),
        ("diagram.py", "from . import cli", True),
        ("verify/html.py", "from ..cli.common import print_json", True),
        ("verify/html.py", "from .. import cli", True),
        ("crosswalk.py", "import segrules.cli.common", True),
        ("crosswalk.py", "from segrules import cli", True),
        ("serve/app.py", "from segrules.cli.common import common_options", True),
        ("verify/html.py", "from ..diagram import quadrant_svg", False),
        ("verify/html.py", "from .. import client", False),
        ("verify/html.py", "from .cli import x  # segrules.verify.cli, not the command line", False),
        ("cli/verify.py", "from ..cli.common import print_json", False),
    ],
)
def test_the_scan_finds_every_form_of_import(tmp_path, file, statement, found):
    root = tmp_path / "segrules"
    for f in ("__init__.py", "cli/__init__.py", "cli/common.py", file):
        (root / f).parent.mkdir(parents=True, exist_ok=True)
        (root / f).touch()
    (root / file).write_text(f"def f():\n    {statement}\n", encoding="utf-8")
    result = library_imports_of_the_cli(root)
    assert bool(result) == found, result
    if found:
        assert result[0].startswith(f"{file}:2: imports segrules.cli"), result


def test_every_command_is_a_module_with_help_arguments_and_run():
    names = [name for name, _ in cli.COMMANDS]
    assert len(names) == len(set(names))
    assert {"check", "describe", "sample", "decide", "test", "explain", "verify", "diagram", "crosswalk"} <= set(names)
    for name, module_name in cli.COMMANDS:
        module = importlib.import_module(f"segrules.cli.{module_name}")
        assert isinstance(module.HELP, str) and module.HELP and "\n" not in module.HELP, name
        assert callable(module.add_arguments) and callable(module.run), name
        parser = argparse.ArgumentParser()
        module.add_arguments(parser)  # adds its options without needing anything else


def test_every_module_of_the_package_is_a_command_or_shared():
    modules = {p.stem for p in CLI.glob("*.py")} - {"__init__", "__main__", "common"}
    assert modules == {module for _, module in cli.COMMANDS}


def test_the_parser_has_exactly_the_commands_of_the_table():
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert list(sub.choices) == [name for name, _ in cli.COMMANDS]

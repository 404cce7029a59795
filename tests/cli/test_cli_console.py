"""The ``autograd-mini`` console command: declared in setup.cfg, the same program as ``python -m autograd_mini``,
its name in usage lines and errors; and a parser whose choices and defaults are the library's own."""

from __future__ import annotations

import argparse
import configparser
import importlib
import os
import subprocess
import sys
from pathlib import Path
from typing import get_args

import pytest

from autograd_mini.cli.parser import build_parser
from autograd_mini.drawing.clusters import PRESETS
from autograd_mini.drawing.draw import DEFAULT_MAX_NODES, FIELDS, RANKDIRS, VIEWS, draw_dot
from autograd_mini.drawing.plan import EdgeLabels
from autograd_mini.tracing.explain import MAX_LISTED, Fold, explain
from autograd_mini.tracing.worksheet import BLANK_CHOICES

ROOT = Path(__file__).resolve().parents[2]
RUN = "from autograd_mini.cli.main import run; raise SystemExit(run())"


def _console_scripts() -> dict[str, str]:
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg", encoding="utf-8")
    lines = config["options.entry_points"]["console_scripts"].strip().splitlines()
    return {name.strip(): target.strip() for name, target in (line.split("=", 1) for line in lines)}


def _run(argv: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def test_setup_cfg_declares_the_console_command_and_it_resolves():
    scripts = _console_scripts()
    assert scripts == {"autograd-mini": "autograd_mini.cli.main:run"}
    module, _, attr = scripts["autograd-mini"].partition(":")
    run = getattr(importlib.import_module(module), attr)
    assert callable(run)
    entry_points = configparser.ConfigParser()
    entry_points.read(ROOT / "setup.cfg", encoding="utf-8")
    assert list(entry_points["options.entry_points"]) == ["console_scripts"]  # no stray key read as a group


@pytest.mark.slow
@pytest.mark.parametrize("argv", [["--help"], ["draw", "--help"], ["explain", "w5", "--lr", "0.5"], ["--expr", "y = x*x", "--set", "x=3", "tape"], ["draw", "--view", "poster"]])
def test_the_entry_point_is_exactly_python_m_autograd_mini(tmp_path, argv):
    by_entry = _run([sys.executable, "-c", RUN, *argv], tmp_path)
    by_module = _run([sys.executable, "-m", "autograd_mini", *argv], tmp_path)
    assert (by_entry.returncode, by_entry.stdout, by_entry.stderr) == (by_module.returncode, by_module.stdout, by_module.stderr)
    assert "Traceback" not in by_entry.stderr
    shown = by_entry.stdout + by_entry.stderr
    assert "usage: autograd-mini" in shown or "∂" in shown
    assert "python -m autograd_mini" not in shown


def test_usage_errors_name_the_console_command(tmp_path):
    done = _run([sys.executable, "-c", RUN, "draw", "--view", "poster"], tmp_path)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("usage: autograd-mini draw ") and "\nautograd-mini draw: error: argument --view: invalid choice: 'poster'" in done.stderr


def test_the_installed_console_command_runs_when_installed(tmp_path):
    script = Path(sys.executable).with_name("autograd-mini")
    if not script.exists():
        print(f"{script} is not installed (run pip install -e . to install the console command)")
        pytest.skip(f"{script} is not installed; pip install -e . installs it")
    done = _run([str(script), "explain", "w5"], tmp_path)
    assert done.returncode == 0 and done.stdout == _run([sys.executable, "-m", "autograd_mini", "explain", "w5"], tmp_path).stdout
    assert "0.082167041" in done.stdout


def _options(command: str) -> dict[str, argparse.Action]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {opt: action for action in sub.choices[command]._actions for opt in action.option_strings}


def _default(function, name):
    import inspect

    return inspect.signature(function).parameters[name].default


def test_the_parser_reads_its_choices_and_defaults_from_the_library():
    draw = _options("draw")
    assert tuple(draw["--view"].choices) == VIEWS and draw["--view"].default == _default(draw_dot, "view")
    assert draw["--fields"].default == _default(draw_dot, "fields") == FIELDS
    assert tuple(draw["--rankdir"].choices) == RANKDIRS and draw["--rankdir"].default == _default(draw_dot, "rankdir")
    assert tuple(draw["--clusters"].choices) == (*PRESETS, "none") and draw["--clusters"].default in PRESETS
    assert tuple(draw["--edge-labels"].choices) == tuple(c for c in get_args(EdgeLabels) if c is not None)
    assert draw["--max-nodes"].default == DEFAULT_MAX_NODES == _default(draw_dot, "max_nodes")
    ex = _options("explain")
    assert tuple(ex["--fold"].choices) == get_args(Fold) and ex["--fold"].default == _default(explain, "fold")
    assert ex["--max-paths"].default == _default(explain, "max_paths")
    assert ex["--max-paths"].type(str(MAX_LISTED)) == MAX_LISTED
    with pytest.raises(argparse.ArgumentTypeError):
        ex["--max-paths"].type(str(MAX_LISTED + 1))
    sheet = _options("worksheet")
    assert set(sheet["--blank"].choices) == set(BLANK_CHOICES) - {"none"} and sheet["--blank"].const in BLANK_CHOICES


@pytest.mark.parametrize("rankdir", RANKDIRS)
def test_every_rankdir_of_the_library_draws_from_the_command_line(capsys, rankdir):
    from cli_helpers import run

    code, out, err = run(capsys, "draw", "--rankdir", rankdir)
    assert code == 0 and f"rankdir={rankdir}" in out.replace('"', ""), err


def test_no_function_of_the_parser_is_over_sixty_lines():
    import ast

    tree = ast.parse((ROOT / "autograd_mini" / "cli" / "parser.py").read_text(encoding="utf-8"))
    long = [f"{f.name}: {f.end_lineno - f.lineno + 1}" for f in ast.walk(tree) if isinstance(f, ast.FunctionDef) and f.end_lineno - f.lineno + 1 > 60]
    assert long == []

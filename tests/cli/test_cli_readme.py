"""Every ``autograd-mini`` line in the sh blocks of README.md and docs/*.md runs as shown, as the real command
in a subprocess: page by page, in the order written, in one folder per page (where a python block whose
first line names a file, ``# my_net.py``, has been saved first, as a reader would)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest
from doc_blocks import CLI, ROOT, argv, blocks, commands, file_name, pages

BLOCKS = {page: blocks(page) for page in pages()}
#: (page, line of its block, the command as written), in the order a reader meets them
COMMANDS = [(b.page, b.line, c) for page in pages() for b in BLOCKS[page] if b.language == "sh" for c in commands(b) if c.startswith(CLI)]
FILES = {(b.page, file_name(b)): b.code for page in pages() for b in BLOCKS[page] if b.language == "python" and file_name(b)}
CLI_PAGE = "docs/cli.md"
#: commands written inline in the prose (`autograd-mini draw --out mazur.svg`), error messages left out
INLINE = sorted({" ".join(span.split()) for page in pages() for span in re.findall(r"`(autograd-mini [^`<…:]+)`", page.read_text(encoding="utf-8"))})


def test_the_pages_show_every_way_to_pick_a_graph_and_every_command():
    shown = " ".join(c for page, _, c in COMMANDS if page == CLI_PAGE)
    for option in ("--example", "--expr", "--set", "--graph my_net.py:loss", "examples", "draw", "explain", "tape", "worksheet", "check", "explore", "--lr", "--view slide"):
        assert option in shown, option
    assert (CLI_PAGE, "my_net.py") in FILES
    assert len([c for page, _, c in COMMANDS if page == CLI_PAGE]) >= 13
    assert len([c for page, _, c in COMMANDS if page == "README.md"]) >= 3
    assert len([c for page, _, c in COMMANDS if page == "docs/grading.md"]) >= 3
    cli_page = (ROOT / CLI_PAGE).read_text(encoding="utf-8")
    assert ". .venv/bin/activate" in cli_page


def test_the_console_command_is_shown_first():
    """Every command is written as the console command `autograd-mini`; `python -m autograd_mini` only in prose."""
    assert COMMANDS and all(c.startswith("autograd-mini ") for _, _, c in COMMANDS)


def test_every_command_written_in_the_prose_is_run_here_or_begins_a_command_run_here(tmp_path):
    """An inline command that is the start of a command the blocks show (`autograd-mini check` of
    `autograd-mini check key.md`) is run by that block's test; a synopsis with a placeholder in capitals
    names a command the blocks show; the others run here, in an empty folder."""
    assert len(INLINE) >= 5
    shown = [argv(c) for _, _, c in COMMANDS]
    for command in INLINE:
        args = argv(command)
        if any(full[: len(args)] == args for full in shown):
            continue
        if re.search(r"\b[A-Z]{2,}", command):  # a synopsis (`autograd-mini check FILLED.md`): its command is shown
            assert args[0] in {full[0] for full in shown}, command
            continue
        if any(a.endswith((".svg", ".png", ".pdf", ".html")) for a in args) and not shutil.which("dot"):
            continue
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        done = subprocess.run([sys.executable, "-m", "autograd_mini", *args], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, f"{command}\n{done.stderr}"


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    """One folder per page, made on first use, holding the files the page's python blocks name."""
    made = {}

    def folder(page: str):
        if page not in made:
            made[page] = tmp_path_factory.mktemp(re.sub(r"\W", "_", page))
            for (where, name), code in FILES.items():
                if where == page:
                    (made[page] / name).write_text(code, encoding="utf-8")
        return made[page]

    return folder


@pytest.mark.parametrize(("page", "line", "command"), COMMANDS, ids=[f"{p}:{n}:{c[14:60]}" for p, n, c in COMMANDS])
def test_documented_command_runs(page, line, command, folders):
    args = argv(command)
    if any(a.endswith((".svg", ".png", ".pdf", ".html")) for a in args) and not shutil.which("dot"):
        pytest.skip("rendering needs Graphviz's dot (set up by bash scripts/run.sh test)")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # `python -m autograd_mini` is the same program as the console command, and needs no install to run
    done = subprocess.run([sys.executable, "-m", "autograd_mini", *args], cwd=folders(page), env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"{page}:{line}: {command}\n{done.stderr}"
    assert "Traceback" not in done.stderr
    if "explain" in args and "x=2" in args:
        assert re.search(r"^∂y/∂x = .*= 7$", done.stdout, re.M)
    if "--lr" in args and "w5" in args:
        assert "w5⁺ = w5 − η·∂E_total/∂w5 = 0.4 − 0.5 × 0.082167041 = 0.35891648" in done.stdout
    if args[:1] == ["check"]:
        assert " 0 wrong" in done.stdout
    if "--out" in args:
        assert (folders(page) / args[args.index("--out") + 1]).stat().st_size > 0

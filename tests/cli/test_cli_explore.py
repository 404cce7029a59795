"""python -m autograd_mini explore --out FILE.html: the interactive page for any graph choice."""

from __future__ import annotations

import shutil

import pytest
from cli_helpers import run

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="rendering needs Graphviz's dot (set up by bash scripts/run.sh test)")




@needs_dot
def test_explore_writes_the_mazur_page_creating_folders(capsys, tmp_path):
    page = tmp_path / "new" / "mazur.html"
    code, out, err = run(capsys, "explore", "--out", str(page), "--title", "Mazur, step by step")
    assert code == 0, err
    assert out.strip() == f"wrote {page}"
    html = page.read_text(encoding="utf-8")
    assert 'data-node="w1"' in html and "0.000438568" in html and "Mazur, step by step" in html
    assert "http://" not in html.replace("http://www.w3.org", "")  # self-contained


@needs_dot
def test_explore_on_an_expression_and_with_decimals(capsys, tmp_path):
    page = tmp_path / "expr.html"
    code, _, err = run(capsys, "--decimals", "4", "--expr", "y = x*x + 3*x", "--set", "x=2", "explore", "--out", str(page))
    assert code == 0, err
    html = page.read_text(encoding="utf-8")
    assert 'data-node="x"' in html and 'data-node="y"' in html


def test_explore_refusals_are_usage_errors(capsys, tmp_path):
    code, _, err = run(capsys, "explore")
    assert code == 2 and "the following arguments are required: --out" in err
    code, _, err = run(capsys, "explore", "--out", str(tmp_path / "page.txt"))
    assert code == 2 and "autograd-mini explore: error: explore: the page is an HTML file" in err
    (tmp_path / "dir.html").mkdir()
    code, _, err = run(capsys, "explore", "--out", str(tmp_path / "dir.html"))
    assert code == 2 and "is a folder" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dir.html"]


def test_explore_without_dot_says_how_to_install_it(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    code, _, err = run(capsys, "explore", "--out", str(tmp_path / "m.html"))
    assert code == 1 and "apt-get install graphviz" in err and not (tmp_path / "m.html").exists()

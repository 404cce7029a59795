"""Hostile labels in a real headless Chromium (issue 19, defect 1): every Markdown output rendered to HTML as a
trusted notebook cell (markdown-it, raw HTML on, no link filter), an SVG drawing and the explorer page run no
script (``window.__x`` stays undefined after the page loads, images fail and every link is clicked) and show
each label as written. String-level checks of the same outputs: tests/tracing/test_hostile_labels.py."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from browsers import _missing, start_browser, stop_browser
from graph_fixtures import require_dot
from hostile import HOSTILE, MATHJAX, OUTPUTS, graph, markdown_to_html, notebook_page_with_maths, shown
from test_explore_browser import open_page

from autograd_mini import draw_dot, explore
from autograd_mini.drawing.dot import MAX_LABEL
from autograd_mini.explorer import explore as explore_module
from autograd_mini.text import cut

pytestmark = [pytest.mark.browser, pytest.mark.render, pytest.mark.slow]

MARKDOWN = [name for name, (fmt, _) in OUTPUTS.items() if fmt == "markdown"]
CELLS = {"tape", "worksheet", "worksheet.answer_key", "summary", "check_worksheet"}


@pytest.fixture(scope="module")
def driver():
    """One headless Chromium for the module, started as tests/explorer/test_explore_browser.py starts it."""
    reason = _missing()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but the browser tests cannot run: {reason}")
        pytest.skip(reason)
    browser = start_browser()
    yield browser
    stop_browser(browser)


def _ran(driver) -> bool:
    """Whether any script the labels carry ran: wait for every image to load or fail (an injected
    ``onerror`` runs then), click every link, and look for ``window.__x``."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return Array.from(document.images).every(i => i.complete)"))
    driver.execute_script("document.querySelectorAll('a').forEach(function (a) { try { a.click(); } catch (e) {} });")
    driver.execute_async_script("setTimeout(arguments[0], 50)")  # the error and click handlers have run
    return driver.execute_script("return window.__x !== undefined")


def _text(driver) -> str:
    """The page's text as shown (innerText; for a page of 100,000-character labels the text content, as
    laying out megabytes of table text takes the browser many seconds)."""
    script = "return document.body.textContent.length > 200000 ? document.body.textContent : document.body.innerText"
    return re.sub(r"\s+", " ", driver.execute_script(script))


def _open(driver, path) -> None:
    driver.get(path.as_uri())
    assert driver.execute_script("return document.readyState") == "complete"


@pytest.fixture(scope="module")
def notebook_pages(tmp_path_factory):
    """label name -> output name -> an HTML file holding the output as a notebook shows it."""
    folder = tmp_path_factory.mktemp("hostile-markdown")
    pages = {}
    for key, label in HOSTILE.items():
        y, w = graph(label)
        pages[key] = {}
        for name in MARKDOWN + ["repr_html"]:
            fmt, fn = OUTPUTS[name]
            body = markdown_to_html(fn(y, w)) if fmt == "markdown" else fn(y, w)
            path = folder / f"{key}-{name}.html"
            path.write_text(f'<!doctype html><html><head><meta charset="utf-8"></head><body>{body}</body></html>', encoding="utf-8")
            pages[key][name] = path
    return pages


@pytest.mark.parametrize("key", list(HOSTILE))
def test_notebook_outputs_run_no_script_and_show_the_label(driver, notebook_pages, key):
    for name, path in notebook_pages[key].items():
        _open(driver, path)
        assert not _ran(driver), f"{name} with label {key!r} ran script"
        assert driver.execute_script("return document.querySelectorAll('script, img, a, iframe, svg, [onerror], [onclick]').length") == 0, name
        if name in CELLS or name == "repr_html":
            assert re.sub(r"\s+", " ", shown(HOSTILE[key])).strip() in _text(driver), f"{name}: label {key!r} not shown as written"


@pytest.mark.parametrize("view", ["full", "slide"])
@pytest.mark.parametrize("key", list(HOSTILE))
def test_an_svg_drawing_opened_in_the_browser_runs_no_script(driver, tmp_path, key, view):
    require_dot()
    y, w = graph(HOSTILE[key])
    path = tmp_path / f"{key}.svg"
    path.write_bytes(draw_dot(y, view=view, title=w.label).pipe(format="svg"))
    _open(driver, path)
    assert not _ran(driver)
    assert driver.execute_script("return document.querySelectorAll('script, foreignObject, [onerror], [onload]').length") == 0
    texts = re.sub(r"\s+", " ", driver.execute_script("return Array.from(document.querySelectorAll('text')).map(t => t.textContent).join(' ')"))
    label = re.sub(r"\s+", " ", shown(HOSTILE[key])).strip()
    assert cut(label, 24 if view == "slide" else MAX_LABEL)[:20] in texts


@pytest.mark.parametrize("key", list(HOSTILE))
def test_the_explorer_runs_no_script_and_shows_the_label_as_text(driver, tmp_path, key):
    require_dot()
    y, w = graph(HOSTILE[key])
    page = explore(y, tmp_path / f"{key}.html", title=w.label)
    open_page(driver, page)
    assert not _ran(driver)
    template = (Path(explore_module.__file__).parent / "page.html").read_text(encoding="utf-8")
    assert driver.execute_script("return document.querySelectorAll('script').length") == template.count("<script")
    title = re.sub(r"\s+", " ", driver.title)
    assert re.sub(r"\s+", " ", shown(HOSTILE[key])).strip() in title
    assert cut(re.sub(r"\s+", " ", shown(HOSTILE[key])).strip(), MAX_LABEL)[:20] in re.sub(
        r"\s+", " ", driver.execute_script("return document.getElementById('graph').textContent")
    )


# ---------------------------------------------------------------------- LaTeX maths typeset by MathJax
MATHS = ["tape", "worksheet", "summary", "explain", "explain.expand", "check_worksheet"]


def _typeset(driver, path) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    if not os.path.exists(MATHJAX):
        reason = f"{MATHJAX} is missing: install Debian's libjs-mathjax (apt-get install libjs-mathjax)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but the MathJax test cannot run: {reason}")
        pytest.skip(reason)
    driver.get(path.as_uri())
    WebDriverWait(driver, 60).until(lambda d: d.execute_script("return document.body.getAttribute('data-mathjax')") == "done")


def test_mathjax_here_would_run_an_unescaped_href(driver, tmp_path):
    """The harness sees what it must: raw ``\\href`` and ``\\class`` in maths do make a javascript: link and a class."""
    path = tmp_path / "raw.html"
    path.write_text(notebook_page_with_maths([r"$$\href{javascript:window.__x=1}{x} \class{injected}{y}$$"]), encoding="utf-8")
    _typeset(driver, path)
    assert driver.execute_script("return document.querySelectorAll('a[href^=\"javascript:\"]').length") == 1
    assert driver.execute_script("return document.querySelectorAll('.injected').length") > 0


@pytest.mark.parametrize("key", list(HOSTILE))
def test_maths_typeset_by_mathjax_makes_no_link_class_or_style_from_a_label(driver, tmp_path, key):
    """Every output's LaTeX with the label in it, typeset by MathJax as a notebook does: no link (\\href),
    no class/id/style (\\class, \\cssId, \\style), no script run, no TeX error or undefined command (the
    typeset maths shows no backslash: a label's backslash is \\backslash, shown as ∖)."""
    y, w = graph(HOSTILE[key])
    path = tmp_path / f"{key}.html"
    path.write_text(notebook_page_with_maths([OUTPUTS[name][1](y, w) for name in MATHS]), encoding="utf-8")
    _typeset(driver, path)
    assert driver.execute_script("return document.querySelectorAll('.MathJax_CHTML').length") > len(MATHS)
    assert driver.execute_script("return document.querySelectorAll('a, .x, #x, [style*=\"color:red\"], [style*=\"color: red\"]').length") == 0
    assert not _ran(driver)
    typeset = driver.execute_script("return Array.from(document.querySelectorAll('.MathJax_CHTML')).map(e => e.textContent).join(' ')")
    assert "\\" not in typeset


def test_mathjax_typesetting_the_whole_page_would_typeset_maths_left_as_text(driver, tmp_path):
    """The control for the next test: a cell holding ``$\\href{…}{x}$`` as plain text does become a link."""
    path = tmp_path / "raw-cell.html"
    path.write_text(notebook_page_with_maths(["| a |\n|---|\n| \\$\\\\href{javascript:window.\\_\\_x=1}{x}\\$ |"], only_maths=False), encoding="utf-8")
    _typeset(driver, path)
    assert driver.execute_script("return document.querySelectorAll('a[href^=\"javascript:\"]').length") == 1


@pytest.mark.parametrize("key", list(HOSTILE))
def test_a_notebook_typesetting_the_whole_output_makes_no_maths_of_a_label(driver, tmp_path, key):
    """A notebook typesets a whole Markdown output, its text as well as its maths: the labels in table cells
    and prose (``$…$``, ``\\(…\\)``, ``\\href`` in them) stay text, so no link, class or style is made."""
    y, w = graph(HOSTILE[key])
    path = tmp_path / f"{key}.html"
    path.write_text(notebook_page_with_maths([OUTPUTS[name][1](y, w) for name in MATHS], only_maths=False), encoding="utf-8")
    _typeset(driver, path)
    assert driver.execute_script("return document.querySelectorAll('a, .x, #x, [style*=\"color:red\"], [style*=\"color: red\"]').length") == 0
    assert not _ran(driver)

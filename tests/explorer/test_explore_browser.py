"""The explorer page (`autograd_mini.explorer.explore`) driven in a real browser: Debian's headless Chromium via
selenium and chromedriver (no browser is ever downloaded: the executables' paths are always given).

Without /usr/bin/chromium and /usr/bin/chromedriver (or selenium) these tests skip with the reason
printed; under CI=true they FAIL instead, since CI installs them. One browser serves the whole module.

``python tests/test_explore_browser.py`` writes the README's screenshot, docs/explorer.png.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from browsers import browser_fixture, start_browser, stop_browser
from graph_fixtures import require_dot

from autograd_mini import Value, explain
from autograd_mini.engine import topological_order
from autograd_mini.examples import get_example
from autograd_mini.explorer.explore import explore
from autograd_mini.graph import dependents, find_node, names, post_format

pytestmark = [pytest.mark.render, pytest.mark.browser]  # Graphviz draws the page; a headless Chromium drives it

ROOT = Path(__file__).resolve().parents[2]
driver = browser_fixture()


def mazur() -> Value:
    return get_example("mazur").build()


def expression() -> Value:
    """L = (a*b + c)*f, Karpathy's lecture expression (the bundled example), after backward()."""
    return get_example("karpathy-expression").build()


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    require_dot()
    folder = tmp_path_factory.mktemp("explore-browser")
    out = {}
    for name, build in (("mazur", mazur), ("expression", expression)):
        root = build()
        out[name] = (root, explore(root, folder / f"{name}.html"))
    return out


# ---------------------------------------------------------------------- driving the page
def open_page(driver, path: Path) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(path.as_uri())
    WebDriverWait(driver, 20).until(lambda d: d.execute_script("return document.body.getAttribute('data-ready')") == "true")


def console_errors(driver) -> list[dict]:
    return [entry for entry in driver.get_log("browser") if entry.get("level") == "SEVERE"]


def grad_texts(driver) -> dict[int, str]:
    """The grad field of every value node as shown, by position in topological order (two Mazur nodes are
    labelled ½): i -> 'grad 0.082167041' / 'grad …' / 'grad ?'."""
    shown = driver.execute_script(
        """var out = {};
        document.querySelectorAll('#graph g[data-node]').forEach(function (g) {
          var t = g.querySelector('text.gradtext'); out[g.getAttribute('data-index')] = t ? t.textContent : null; });
        return out;"""
    )
    return {int(i): text for i, text in shown.items()}


def visible_edge_labels(driver) -> list[str]:
    return driver.execute_script(
        """return Array.prototype.filter.call(document.querySelectorAll('#graph g.edge text'),
          function (t) { return getComputedStyle(t).display !== 'none'; }).map(function (t) { return t.textContent; });"""
    )


def click_node(driver, name: str) -> None:
    from selenium.webdriver.common.by import By

    driver.find_element(By.CSS_SELECTOR, f'#graph g[data-node="{name}"]').click()


def by_id(driver, element_id: str):
    from selenium.webdriver.common.by import By

    return driver.find_element(By.ID, element_id)


def step_text(driver) -> str:
    return by_id(driver, "tape-step").text


def engine_grads(root: Value) -> dict[int, str]:
    """What the page must show after backward(): the engine's .grad, formatted as everywhere (post_format)."""
    return {i: f"grad {post_format(node.grad)}" for i, node in enumerate(topological_order(root))}


# ---------------------------------------------------------------------- the tests
@pytest.mark.parametrize("page", ["mazur", "expression"])
def test_the_page_loads_nothing_from_outside(driver, pages, page):
    open_page(driver, pages[page][1])
    assert driver.execute_script("return performance.getEntriesByType('resource').length") == 0
    assert driver.execute_script("return document.querySelectorAll('[src], link, iframe, img, object, embed').length") == 0
    assert console_errors(driver) == []


def test_clicking_w1_shows_both_paths_and_lights_them(driver, pages):
    root, path = pages["mazur"]
    open_page(driver, path)
    click_node(driver, "w1")
    details = by_id(driver, "details").text
    assert "w1" in details and "data 0.15" in details and "grad 0.000438568" in details
    assert "∂net_h1/∂w1 = 0.05" in details  # the edge it feeds, with its local derivative
    chain = driver.execute_script("return document.querySelector('#details pre.explain').textContent")
    assert chain == explain(root, "w1", max_paths=16).text()
    assert "∂E_total/∂w1 sums 2 paths" in chain and "= 0.000438568" in chain
    paths = [line for line in chain.splitlines() if line.lstrip().startswith("path ")]
    assert "out_o1" in paths[0] and "out_o2" in paths[1]
    order = topological_order(root)
    lit = driver.execute_script("return Array.prototype.map.call(document.querySelectorAll('#graph g.value.lit'), function (g) { return g.getAttribute('data-node'); })")
    reach = dependents(order, find_node(root, "w1", order))
    assert sorted(lit) == sorted(names(order)[i] for i in reach)
    assert "out_o2" in lit and "out_h2" not in lit
    assert console_errors(driver) == []


def test_clicking_an_edge_shows_its_local_derivative_and_contribution(driver, pages):
    from selenium.webdriver.common.by import By

    root, path = pages["mazur"]
    open_page(driver, path)
    order = topological_order(root)
    net_o1 = find_node(root, "net_o1", order)
    w5 = find_node(root, "w5", order)
    parent, position = order.index(net_o1), net_o1.children.index(w5)
    edge = driver.find_element(By.CSS_SELECTOR, f'#graph g.edge.input[data-parent="{parent}"][data-position="{position}"] text.lbl-local')
    edge.click()
    details = by_id(driver, "details").text
    assert "w5 → net_o1" in details
    assert "∂net_o1/∂w5 = 0.593269992" in details  # the post's ∂net_o1/∂w5 = out_h1
    assert f"0.593269992 × {post_format(net_o1.grad)} = 0.082167041" in details  # δ_o1 × out_h1 = ∂E_total/∂w5
    assert console_errors(driver) == []


@pytest.mark.parametrize("page", ["mazur", "expression"])
def test_stepping_the_tape_fills_in_every_gradient_as_backward_does(driver, pages, page):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    root, path = pages[page]
    open_page(driver, path)
    order = topological_order(root)
    final = engine_grads(root)
    n = len(order)
    assert step_text(driver) == f"{n} / {n}" and grad_texts(driver) == final  # opens after backward()

    by_id(driver, "tape-reset").click()
    assert step_text(driver) == f"0 / {n}"
    assert set(grad_texts(driver).values()) == {"grad …"}
    processed: list[int] = []
    for k in range(1, n + 1):
        by_id(driver, "tape-next").click()
        assert step_text(driver) == f"{k} / {n}"
        current = int(driver.execute_script("return document.querySelector('#graph g.value.current').getAttribute('data-index')"))
        processed.append(current)
        shown = grad_texts(driver)
        assert {i: shown[i] for i in processed} == {i: final[i] for i in processed}
        assert all(text == "grad …" for i, text in shown.items() if i not in processed)
        sending = driver.execute_script("return document.querySelectorAll('#graph g.edge.input.sending').length")
        assert sending == len(order[current].children)  # the edges it sends its gradient along
    assert processed == list(reversed(range(n)))  # backward()'s order: the root first
    assert grad_texts(driver) == final
    by_id(driver, "tape-next").click()
    assert step_text(driver) == f"{n} / {n}"  # the end stays the end

    body = driver.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.HOME)
    assert step_text(driver) == f"0 / {n}"
    body.send_keys(Keys.ARROW_RIGHT)
    body.send_keys(Keys.ARROW_RIGHT)
    assert step_text(driver) == f"2 / {n}"
    body.send_keys(Keys.ARROW_LEFT)
    assert step_text(driver) == f"1 / {n}"
    assert grad_texts(driver)[n - 1] == "grad 1"  # the root, seeded
    by_id(driver, "tape-prev").click()
    by_id(driver, "tape-prev").click()
    assert step_text(driver) == f"0 / {n}"
    body.send_keys(Keys.END)
    assert step_text(driver) == f"{n} / {n}" and grad_texts(driver) == final
    assert console_errors(driver) == []


@pytest.mark.parametrize("page", ["mazur", "expression"])
def test_hiding_gradients_hides_every_gradient(driver, pages, page):
    from selenium.webdriver.support.ui import Select

    root, path = pages[page]
    open_page(driver, path)
    Select(by_id(driver, "edge-labels")).select_by_value("both")
    labels = visible_edge_labels(driver)
    assert any(t.startswith("+= ") for t in labels) and any(t.startswith("∂ ") for t in labels)
    leaf = find_node(root, {"mazur": "w5", "expression": "a"}[page])
    click_node(driver, leaf.label)
    by_id(driver, "show-grads").click()  # off
    assert set(grad_texts(driver).values()) == {"grad ?"}
    labels = visible_edge_labels(driver)
    assert labels and all(t.startswith("∂ ") for t in labels)  # local derivatives stay, contributions go
    details = by_id(driver, "details").text
    assert "grad ?" in details and "hidden with the gradients" in details
    assert post_format(leaf.grad) not in details
    assert "gradients hidden" in by_id(driver, "tape-text").text
    by_id(driver, "show-grads").click()  # on again
    assert grad_texts(driver) == engine_grads(root)
    Select(by_id(driver, "edge-labels")).select_by_value("none")
    assert visible_edge_labels(driver) == []
    assert console_errors(driver) == []


def test_switching_the_layout_keeps_the_selection_and_the_step(driver, pages):
    from selenium.webdriver.support.ui import Select

    root, path = pages["mazur"]
    open_page(driver, path)
    layout = Select(by_id(driver, "layout"))
    first = layout.first_selected_option.get_attribute("value")
    assert first in ("LR", "TB")  # the page opens in the layout that fits the window best
    width = driver.execute_script("return document.querySelector('#graph svg').getAttribute('data-width')")
    click_node(driver, "w5")
    by_id(driver, "tape-prev").click()
    layout.select_by_value({"LR": "TB", "TB": "LR"}[first])
    assert driver.execute_script("return document.querySelector('#graph svg').getAttribute('data-width')") != width
    assert driver.execute_script("return document.querySelectorAll('#graph g[data-node=\"w5\"]').length") == 1
    assert "selected" in driver.execute_script("return document.querySelector('#graph g[data-node=\"w5\"]').getAttribute('class')")
    n = len(topological_order(root))
    assert step_text(driver) == f"{n - 1} / {n}"
    click_node(driver, "w1")  # clickable in the new layout
    assert "0.000438568" in by_id(driver, "details").text
    for button in ("zoom-in", "zoom-out", "zoom-fit"):
        by_id(driver, button).click()
    assert console_errors(driver) == []


def test_hostile_labels_are_shown_as_text(driver, tmp_path):
    require_dot()
    labels = ["</script><script>alert(1)</script>", "<b>bold</b> & \"quotes\"", "∂ü😀"]
    leaves = [Value(float(i + 2), label) for i, label in enumerate(labels)]
    y = leaves[0] * leaves[1] + leaves[2]
    y.label = "<img src=x onerror=alert(2)>"
    y.backward()
    open_page(driver, explore(y, tmp_path / "hostile.html"))
    assert driver.execute_script("return document.querySelectorAll('script').length") == 2
    assert driver.execute_script("return document.querySelectorAll('img, b').length") == 0
    for label in labels + [y.label]:
        found = driver.execute_script(
            """var want = arguments[0];
               var g = Array.prototype.find.call(document.querySelectorAll('#graph g.value'),
                 function (g) { return g.getAttribute('data-node') === want; });
               if (!g) return false;
               g.dispatchEvent(new MouseEvent('click', {bubbles: true}));
               return true;""",
            label,
        )
        assert found, label
        assert driver.execute_script("return document.querySelector('#details h2').firstChild.textContent") == label
    assert console_errors(driver) == []


def test_a_thousand_values_open_and_respond(driver, tmp_path):
    """A graph at max_nodes (997 values): it opens and a click and a step work (timed by hand, see README)."""
    require_dot()
    y = Value(0.5, "x")
    for i in range(249):
        y = y * 1.0001 + 0.001
        y.label = f"y{i}"
    y.backward()
    path = explore(y, tmp_path / "chain.html")
    open_page(driver, path)
    click_node(driver, "y247")
    assert "∂y248/∂y247" in by_id(driver, "details").text
    by_id(driver, "tape-reset").click()
    by_id(driver, "tape-next").click()
    assert grad_texts(driver)[996] == "grad 1"  # y248, the root
    assert console_errors(driver) == []


# ---------------------------------------------------------------------- the README's screenshot
def screenshot(out: Path = ROOT / "docs" / "explorer.png", layout: str = "") -> Path:
    """The Mazur page mid-tape: backward() processing net_o1 (δ_o1, sending to w5, w6, b2 and out_h1, out_h2),
    w5 selected with its chain rule in the side panel."""
    from selenium.webdriver.support.ui import Select

    driver = start_browser(1920, 1080)
    try:
        with tempfile.TemporaryDirectory() as folder:
            root = mazur()
            path = explore(root, Path(folder) / "mazur.html")
            open_page(driver, path)
            Select(by_id(driver, "edge-labels")).select_by_value("both")
            by_id(driver, "tape-reset").click()
            while driver.execute_script("var g = document.querySelector('#graph g.value.current'); return g && g.getAttribute('data-node')") != "net_o1":
                by_id(driver, "tape-next").click()
            click_node(driver, "w5")
            if layout:
                Select(by_id(driver, "layout")).select_by_value(layout)
            by_id(driver, "zoom-fit").click()
            out.parent.mkdir(parents=True, exist_ok=True)
            driver.save_screenshot(str(out))
    finally:
        stop_browser(driver)
    return out


if __name__ == "__main__":
    import sys

    print(screenshot(*(Path(sys.argv[1]), sys.argv[2]) if len(sys.argv) > 2 else ()))

"""The slide view as a lecturer projects it: inlined in a page, fitted to 1920×1080 in Debian's headless
Chromium, measured by the browser (tests/browser_geometry.py; ``scripts/measure_drawings.py`` prints the
same figures). For Mazur and for users' own MLPs up to 4 neurons a layer and 2 hidden layers, drawn
through the real command line and through draw_dot: the smallest text (18 px Mazur, 12 px the others),
no texts overlapping, no edge through a foreign text, every text of a node inside it, edge labels next
to their own edge, no edge detouring (≤ 1.3× the straight distance).

Without /usr/bin/chromium and /usr/bin/chromedriver (or selenium) these tests skip with the reason
printed; under CI=true they FAIL instead, since CI installs them. One browser serves the whole module.
"""

from __future__ import annotations

import os

import pytest
from browser_geometry import NETWORKS, cli_svg, measure, missing, network_name, problems, start_browser, stop_browser, user_file
from graph_fixtures import require_dot

from autograd_mini import Value
from autograd_mini.drawing.draw import draw_dot

pytestmark = [pytest.mark.browser, pytest.mark.render, pytest.mark.slow]


@pytest.fixture(scope="module")
def driver():
    reason = missing()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but the browser tests cannot run: {reason}")
        print(f"\nskipping the browser tests: {reason}")
        pytest.skip(reason)
    require_dot()
    browser = start_browser()
    yield browser
    stop_browser(browser)


def _user_loss(path) -> Value:
    """What ``loss()`` in the user's file returns, after one backward()."""
    namespace: dict = {}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)
    root = namespace["loss"]()
    root.backward()
    return root


def _slide(root: Value, **options) -> str:
    return draw_dot(root, view="slide", **options).pipe().decode("utf-8")


def test_the_mazur_slide_is_legible_at_18_px(driver, tmp_path):
    from nn.examples import mazur

    root = mazur().forward()
    root.backward()
    for options in ({}, {"clusters": "layers"}, {"highlight": "w1"}):
        g = measure(driver, _slide(root, **options), tmp_path)
        assert problems(g, min_px=18) == [], options
        assert g.min_px >= 18 and g.max_detour <= 1.3
        shown = {t.text for t in g.texts}
        for figure in ("from i2: w2 = 0.2000", "∂E/∂w2 = 0.000877", "δ = 0.1385", "E_o1 = ½·(target_o1 − out_o1)²"):
            assert figure in shown, figure  # w2's numbers stand in the neuron it feeds, next to its name


@pytest.mark.parametrize("network", NETWORKS, ids=[network_name(*n).replace(" ", "-") for n in NETWORKS])
def test_a_users_network_drawn_through_the_command_line_is_legible(driver, tmp_path, network):
    path = user_file(tmp_path, *network)
    g = measure(driver, cli_svg(path, tmp_path), tmp_path)
    assert problems(g, min_px=12) == []
    assert g.min_px >= 12 and g.max_detour <= 1.3


@pytest.mark.parametrize("clusters", [None, "layers"])
@pytest.mark.parametrize("network", NETWORKS, ids=[network_name(*n).replace(" ", "-") for n in NETWORKS])
def test_a_users_network_drawn_with_draw_dot_is_legible(driver, tmp_path, network, clusters):
    root = _user_loss(user_file(tmp_path, *network))
    g = measure(driver, _slide(root, clusters=clusters), tmp_path)
    assert problems(g, min_px=12) == []


@pytest.mark.parametrize(
    "sizes", [(3, (5, 5, 2)), (2, (4, 4, 4, 1)), (4, (8, 8, 3)), (2, (16, 16, 1))], ids=["3-5-5-2", "2-4-4-4-1", "4-8-8-3", "2-16-16-1"]
)
def test_a_larger_network_says_what_its_slide_shows(driver, tmp_path, sizes):
    inputs, layers = sizes
    root = _user_loss(user_file(tmp_path, inputs, layers, "sigmoid"))
    g = measure(driver, _slide(root, clusters="layers"), tmp_path)
    assert problems(g, min_px=12) == []
    texts = [t.text for t in g.texts]
    weights = inputs * layers[0] + sum(a * b for a, b in zip(layers, layers[1:]))
    assert any(t.startswith(f"{weights} weights not shown") for t in texts)
    assert not any(t.startswith("w[") for t in texts)
    lit = measure(driver, _slide(root, clusters="layers", highlight="w[i1→h1_1]"), tmp_path)
    assert problems(lit, min_px=12) == []
    texts = [t.text for t in lit.texts]
    assert [t for t in texts if t.startswith("w[")] == [next(t for t in texts if t.startswith("w[i1→h1_1] = "))]
    assert any(t.startswith(f"{weights - 1} weights not shown") for t in texts)
    if max(layers) > 8:  # a column over 8: its first 6 and its last, which says what is left out above it
        n = max(layers)
        assert f"⋮ {n - 7} more: out_h1_7 … out_h1_{n - 1}" in texts and "net_h1_6" in texts and "net_h1_7" not in texts
        assert any(t.startswith(f"{2 * (n - 7)} inputs and neurons not shown") for t in texts)


BROKEN = """<svg width="600pt" height="300pt" viewBox="0 0 600 300" xmlns="http://www.w3.org/2000/svg">
<g id="graph0" class="graph">
<text x="300" y="20" font-size="3" text-anchor="middle">tiny</text>
<g id="node1" class="node"><title>a</title><polygon points="10,40 110,40 110,80 10,80"/>
<text x="60" y="65" font-size="14" text-anchor="middle">a text far too long for its box</text></g>
<g id="node2" class="node"><title>b</title><polygon points="400,40 560,40 560,80 400,80"/>
<text x="480" y="60" font-size="14" text-anchor="middle">overlapping</text><text x="484" y="64" font-size="14" text-anchor="middle">texts</text></g>
<g id="node3" class="node"><title>c</title><polygon points="200,200 320,200 320,240 200,240"/>
<text x="260" y="225" font-size="14" text-anchor="middle">crossed</text></g>
<g id="edge1" class="edge"><title>a&#45;&gt;b</title><path fill="none" stroke="black" d="M110,60 C200,290 300,290 400,60"/></g>
<g id="edge2" class="edge"><title>a&#45;&gt;c</title><path fill="none" stroke="black" d="M60,80 L300,260"/>
<text x="330" y="150" font-size="14" text-anchor="middle">mine?</text></g>
<g id="edge3" class="edge"><title>b&#45;&gt;c</title><path fill="none" stroke="black" d="M480,80 L340,160"/></g>
</g></svg>"""


def test_the_measuring_finds_every_kind_of_broken_slide(driver, tmp_path):
    """The checks themselves can fail: a hand-made picture breaking each rule once is caught each time."""
    found = "\n".join(problems(measure(driver, BROKEN, tmp_path), min_px=12))
    assert "text 'tiny' is" in found
    assert "'a text far too long for its box' sticks out of its node 'a'" in found
    assert "texts overlap: 'overlapping' and 'texts'" in found
    assert "edge 'a->c' passes through text 'crossed' of node:c" in found
    assert "edge 'a->b' is" in found and "× the straight distance" in found
    assert "edge label 'mine?'" in found
    assert "edge 'b->c'" not in found

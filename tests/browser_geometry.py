"""Measuring a drawing as a lecturer sees it: the SVG inlined in a page, scaled to fit a 1920×1080 slide
(contain), in Debian's headless Chromium (selenium + chromedriver; no browser is ever downloaded).

`measure(driver, svg)` returns a `Geometry` read with the browser's own layout (getBoundingClientRect,
getPointAtLength), in screen px:

* ``texts``: every text, with its box, its font size on screen and the element it belongs to (a node,
  an edge, a cluster or the graph's caption);
* ``shapes``: each node's outline (the box of its largest polygon/path/ellipse);
* ``edges``: each edge's sampled path, its length and the straight distance between its ends.

`problems(geometry, min_px)` lists what breaks the slide rules of issue 21 (text too small, texts
overlapping, an edge through a foreign text, a node's text outside its shape, an edge label nearer
another edge, an edge detouring); an empty list is a legible slide.

Used by the browser tests (tests/drawing/test_slide_browser.py) and by ``scripts/measure_drawings.py``,
which prints the figures the README quotes.
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
SLIDE = (1920, 1080)
#: an edge may be this much longer than the straight line between its ends
MAX_DETOUR = 1.3
#: px of slack for rounding where boxes touch
SLACK = 0.5


def missing() -> Optional[str]:
    """Why the browser cannot run here, or None."""
    for program in (CHROMIUM, CHROMEDRIVER):
        if not os.access(program, os.X_OK):
            return f"{program} is missing: install Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)"
    try:
        import selenium.webdriver  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install 'selenium>=4.20')"
    return None


def start_browser(width: int = SLIDE[0], height: int = SLIDE[1]):
    """Headless Chromium through chromedriver, both Debian's; selenium-manager is never asked for anything."""
    from selenium import webdriver

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="slide-chromium-")
    for arg in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile}", f"--window-size={width},{height}", "--force-device-scale-factor=1",
        "--hide-scrollbars",
    ):  # fmt: skip
        options.add_argument(arg)
    service = webdriver.ChromeService(executable_path=CHROMEDRIVER)
    try:
        driver = webdriver.Chrome(service=service, options=options)
    except Exception:
        shutil.rmtree(profile, ignore_errors=True)
        raise
    driver.profile_dir = profile
    return driver


def stop_browser(driver) -> None:
    profile = getattr(driver, "profile_dir", None)
    driver.quit()
    if profile:
        shutil.rmtree(profile, ignore_errors=True)


def slide_page(svg: str) -> str:
    """A page showing ``svg`` inlined and scaled to fit 1920×1080 (contain), as a slide shows a picture."""
    body = svg[svg.index("<svg") :]
    w, h = SLIDE
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><style>html,body{margin:0;padding:0;background:#fff}'
        f"#slide{{width:{w}px;height:{h}px;overflow:hidden}}#slide>svg{{width:{w}px;height:{h}px;display:block}}"
        f'</style></head><body><div id="slide">{body}</div></body></html>'
    )


Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in screen px


@dataclass
class Text:
    text: str
    box: Box
    px: float  # font size on screen
    owner: str  # "node:<title>", "edge:<title>", "cluster:<title>" or "graph"


@dataclass
class Edge:
    title: str
    points: list[tuple[float, float]]
    length: float
    straight: float


@dataclass
class Geometry:
    texts: list[Text] = field(default_factory=list)
    shapes: dict[str, Box] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    cells: list[Box] = field(default_factory=list)  # the caption's cells (and the page's background)

    @property
    def min_px(self) -> float:
        return min((t.px for t in self.texts if t.text.strip()), default=0.0)

    @property
    def max_detour(self) -> float:
        return max((e.length / e.straight for e in self.edges if e.straight > 1), default=1.0)


_MEASURE = """
const svg = document.querySelector('#slide > svg');
svg.setAttribute('width', '1920'); svg.setAttribute('height', '1080');
svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
function owner(el) {
  const g = el.closest('g.node, g.edge, g.cluster');
  if (!g) return 'graph';
  const t = g.querySelector(':scope > title');
  return g.getAttribute('class') + ':' + (t ? t.textContent : g.id);
}
function box(r) { return [r.left, r.top, r.right, r.bottom]; }
const texts = Array.from(svg.querySelectorAll('text')).map(function (t) {
  const m = t.getScreenCTM();
  const size = parseFloat(getComputedStyle(t).fontSize);
  return {text: t.textContent, box: box(t.getBoundingClientRect()), px: size * Math.hypot(m.a, m.b), owner: owner(t)};
});
const shapes = {};
svg.querySelectorAll('g.node').forEach(function (g) {
  let best = null, area = -1;
  g.querySelectorAll('polygon, path, ellipse, rect').forEach(function (s) {
    const r = s.getBoundingClientRect(), a = r.width * r.height;
    if (a > area) { area = a; best = r; }
  });
  if (best) shapes[owner(g.querySelector('title'))] = box(best);
});
const edges = Array.from(svg.querySelectorAll('g.edge')).map(function (g) {
  const path = g.querySelector('path');
  if (!path) return null;
  const m = path.getScreenCTM(), total = path.getTotalLength(), n = Math.max(20, Math.ceil(total / 2));
  const points = [];
  for (let i = 0; i <= n; i++) {
    const p = path.getPointAtLength(total * i / n);
    points.push([m.a * p.x + m.c * p.y + m.e, m.b * p.x + m.d * p.y + m.f]);
  }
  let length = 0;
  for (let i = 1; i < points.length; i++) length += Math.hypot(points[i][0] - points[i-1][0], points[i][1] - points[i-1][1]);
  const a = points[0], b = points[points.length - 1];
  return {title: owner(path), points: points, length: length, straight: Math.hypot(b[0] - a[0], b[1] - a[1])};
}).filter(function (e) { return e !== null; });
const cells = [];  // the caption's cells: polygons outside nodes, edges and clusters
svg.querySelectorAll('polygon, path').forEach(function (s) {
  if (!s.closest('g.node, g.edge, g.cluster')) cells.push(box(s.getBoundingClientRect()));
});
return {texts: texts, shapes: shapes, edges: edges, cells: cells};
"""


def measure(driver, svg: str, folder: Optional[Path] = None, screenshot: Optional[Path] = None) -> Geometry:
    """The geometry of ``svg`` fitted to a 1920×1080 slide in the browser (``screenshot``: also save a PNG)."""
    folder = Path(folder or tempfile.mkdtemp(prefix="slide-page-"))
    page = folder / "slide.html"
    page.write_text(slide_page(svg), encoding="utf-8")
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": SLIDE[0], "height": SLIDE[1], "deviceScaleFactor": 1, "mobile": False})
    driver.get(page.as_uri())
    raw = driver.execute_script(_MEASURE)
    if screenshot is not None:
        driver.save_screenshot(str(screenshot))
    g = Geometry()
    g.texts = [Text(t["text"], tuple(t["box"]), t["px"], t["owner"]) for t in raw["texts"]]  # type: ignore[misc]
    g.shapes = {k: tuple(v) for k, v in raw["shapes"].items()}  # type: ignore[misc]
    g.cells = [tuple(c) for c in raw["cells"]]  # type: ignore[misc]
    g.edges = [Edge(e["title"], [tuple(p) for p in e["points"]], e["length"], e["straight"]) for e in raw["edges"]]  # type: ignore[misc]
    return g


# ---------------------------------------------------------------------- the rules
def _overlap(a: Box, b: Box, slack: float = SLACK) -> bool:
    return a[0] < b[2] - slack and b[0] < a[2] - slack and a[1] < b[3] - slack and b[1] < a[3] - slack


def _inside(inner: Box, outer: Box, slack: float = SLACK) -> bool:
    return inner[0] >= outer[0] - slack and inner[1] >= outer[1] - slack and inner[2] <= outer[2] + slack and inner[3] <= outer[3] + slack


def _segment_hits_box(p: tuple[float, float], q: tuple[float, float], b: Box) -> bool:
    """Does the segment p-q pass through the box (shrunk by SLACK)? Liang–Barsky clipping."""
    x0, y0, x1, y1 = b[0] + SLACK, b[1] + SLACK, b[2] - SLACK, b[3] - SLACK
    if x0 >= x1 or y0 >= y1:
        return False
    dx, dy = q[0] - p[0], q[1] - p[1]
    lo, hi = 0.0, 1.0
    for step, room in ((-dx, p[0] - x0), (dx, x1 - p[0]), (-dy, p[1] - y0), (dy, y1 - p[1])):
        if step == 0:
            if room < 0:
                return False
        else:
            t = room / step
            if step < 0:
                lo = max(lo, t)
            else:
                hi = min(hi, t)
    return lo < hi


def _distance_to(points: list[tuple[float, float]], x: float, y: float) -> float:
    best = math.inf
    for p, q in zip(points, points[1:]):
        dx, dy = q[0] - p[0], q[1] - p[1]
        d2 = dx * dx + dy * dy
        t = 0.0 if d2 == 0 else max(0.0, min(1.0, ((x - p[0]) * dx + (y - p[1]) * dy) / d2))
        best = min(best, math.hypot(p[0] + t * dx - x, p[1] + t * dy - y))
    return best


def problems(g: Geometry, min_px: float, max_detour: float = MAX_DETOUR, pairing: float = 1.5) -> list[str]:
    """What breaks the slide rules; empty when the drawing is legible. ``pairing``: an edge label's
    distance to any other edge must be at least this many times its distance to its own."""
    found: list[str] = []
    texts = [t for t in g.texts if t.text.strip()]
    for t in texts:
        if t.px < min_px - 1e-6:
            found.append(f"text {t.text!r} is {t.px:.1f} px (< {min_px})")
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            if _overlap(a.box, b.box):
                found.append(f"texts overlap: {a.text!r} and {b.text!r}")
    for t in texts:
        if t.owner.startswith("node:"):
            shape = g.shapes.get(t.owner)
            if shape is not None and not _inside(t.box, shape):
                found.append(f"text {t.text!r} sticks out of its node {t.owner[5:]!r}: {_fmt(t.box)} not in {_fmt(shape)}")
    for t in texts:
        if t.owner == "graph":  # a caption text: inside the smallest cell around its centre
            x, y = (t.box[0] + t.box[2]) / 2, (t.box[1] + t.box[3]) / 2
            around = [c for c in g.cells if c[0] <= x <= c[2] and c[1] <= y <= c[3]]
            cell = min(around, key=lambda c: (c[2] - c[0]) * (c[3] - c[1]), default=None)
            if cell is not None and not _inside(t.box, cell):
                found.append(f"caption text {t.text!r} sticks out of its cell: {_fmt(t.box)} not in {_fmt(cell)}")
    for e in g.edges:
        for t in texts:
            if t.owner == e.title:
                continue
            if any(_segment_hits_box(p, q, t.box) for p, q in zip(e.points, e.points[1:])):
                found.append(f"edge {e.title[5:]!r} passes through text {t.text!r} of {t.owner}")
        if e.straight > 1 and e.length > max_detour * e.straight:
            found.append(f"edge {e.title[5:]!r} is {e.length / e.straight:.2f}× the straight distance between its ends")
    for t in texts:
        if not t.owner.startswith("edge:"):
            continue
        x, y = (t.box[0] + t.box[2]) / 2, (t.box[1] + t.box[3]) / 2
        own = min((_distance_to(e.points, x, y) for e in g.edges if e.title == t.owner), default=math.inf)
        other = min((_distance_to(e.points, x, y) for e in g.edges if e.title != t.owner), default=math.inf)
        if other < pairing * own:
            found.append(f"edge label {t.text!r} is {own:.0f} px from its edge but {other:.0f} px from another")
    return found


def _fmt(b: Box) -> str:
    return "(" + ", ".join(f"{v:.1f}" for v in b) + ")"


# ---------------------------------------------------------------------- the networks measured
#: users' MLPs the slide view must draw legibly: (inputs, layer sizes, activation)
NETWORKS = [
    (2, (4, 4, 1), "sigmoid"), (3, (4, 2), "tanh"), (2, (3, 3, 2), "sigmoid"), (3, (4, 4, 2), "tanh"),
    (2, (4, 4, 1), "tanh"), (3, (4, 2), "sigmoid"),
]  # fmt: skip


def network_name(inputs: int, sizes: tuple[int, ...], activation: str) -> str:
    return "-".join(str(n) for n in (inputs, *sizes)) + f" {activation}"


def user_file(folder: Path, inputs: int, sizes: tuple[int, ...], activation: str) -> Path:
    """A user's own file defining ``loss()``, as the README tells users to write one: an `nn.MLP`, one
    example through it, the quadratic cost against targets (``--graph FILE.py:loss``)."""
    xs = [round(0.05 * (k + 1), 2) for k in range(inputs)]
    targets = [0.01 if k % 2 == 0 else 0.99 for k in range(sizes[-1])]
    path = folder / f"net_{inputs}_{'_'.join(map(str, sizes))}_{activation}.py"
    path.write_text(
        "from nn import MLP\nfrom nn.losses import quadratic_cost\n\n\n"
        "def loss():\n"
        f"    model = MLP({inputs}, {list(sizes)}, activation={activation!r}, seed=0)\n"
        f"    return quadratic_cost(model({xs}), {targets})\n",
        encoding="utf-8",
    )
    return path


def cli_svg(path: Path, folder: Path, *options: str) -> str:
    """The slide of ``path:loss`` as the real command line draws it, run as a user runs it (a subprocess
    in ``folder``): ``python -m autograd_mini --graph FILE.py:loss draw --view slide --out FILE.svg``."""
    root = Path(__file__).resolve().parents[1]
    out = folder / (path.stem + ".svg")
    env = {**os.environ, "PYTHONPATH": str(root)}
    done = subprocess.run(
        [sys.executable, "-m", "autograd_mini", "--graph", f"{path}:loss", "draw", "--view", "slide", *options, "--out", str(out)],
        cwd=folder, capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    if done.returncode != 0:
        raise AssertionError(f"the command failed ({done.returncode}): {done.stderr}")
    return out.read_text(encoding="utf-8")

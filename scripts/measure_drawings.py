"""Measure the slide view as a lecturer projects it: each drawing inlined in a page, fitted to 1920×1080 in
Debian's headless Chromium, its geometry read by the browser (tests/browser_geometry.py, which the
browser tests use too). Prints, per network, the smallest text in px, the worst edge detour and every
rule the picture breaks; the README's figures come from this table.

    PYTHONPATH=. python scripts/measure_drawings.py                 # the table
    PYTHONPATH=. python scripts/measure_drawings.py --shots /tmp/s  # and a screenshot per drawing

Each user network is drawn twice: through the real command line (``python -m autograd_mini --graph
FILE.py:loss draw --view slide``, FILE written as a user writes it) and through ``draw_dot``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from browser_geometry import NETWORKS, cli_svg, measure, missing, network_name, problems, start_browser, stop_browser, user_file  # noqa: E402


def drawings(folder: Path):
    """(name, min px required, svg) for Mazur and every network of `NETWORKS`."""
    from autograd_mini.drawing.draw import draw_dot
    from nn.examples import mazur

    root = mazur().forward()
    root.backward()
    yield "mazur 2-2-2 (draw_dot)", 18.0, draw_dot(root, view="slide").pipe().decode("utf-8")
    for inputs, sizes, activation in NETWORKS:
        name = network_name(inputs, sizes, activation)
        path = user_file(folder, inputs, sizes, activation)
        yield f"{name} (CLI)", 12.0, cli_svg(path, folder)
        namespace: dict = {}
        exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)  # the user's own file
        loss = namespace["loss"]()
        loss.backward()
        yield f"{name} (draw_dot)", 12.0, draw_dot(loss, view="slide", clusters="layers").pipe().decode("utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shots", type=Path, help="folder for a PNG screenshot of each slide")
    args = parser.parse_args()
    reason = missing()
    if reason:
        print(reason, file=sys.stderr)
        return 2
    driver = start_browser()
    failed = 0
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            print(f"{'drawing':32} {'min px':>7} {'detour':>7}  problems")
            for name, need, svg in drawings(folder):
                shot = None
                if args.shots:
                    args.shots.mkdir(parents=True, exist_ok=True)
                    shot = args.shots / (name.replace(" ", "_").replace("(", "").replace(")", "") + ".png")
                g = measure(driver, svg, folder, shot)
                found = problems(g, need)
                failed += bool(found)
                print(f"{name:32} {g.min_px:7.1f} {g.max_detour:7.2f}  {len(found)}")
                for line in found[:8]:
                    print(f"    {line}")
    finally:
        stop_browser(driver)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

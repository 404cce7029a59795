"""The explorer page, from the package's web files: ``page.html`` with ``explorer.css`` and ``explorer.js``
inlined, so the page written by `autograd_mini.explorer.explore.explore` is one self-contained file.

``page.html`` holds ``@@TITLE@@``, ``@@DATA@@`` (the graph's numbers as JSON), ``@@SVG_LR@@`` and
``@@SVG_TB@@`` (the two layouts), filled in by `explore`, and ``@@CSS@@``/``@@JS@@``, filled in here. The
page loads nothing: a Content-Security-Policy forbids every request, so it behaves the same from
``file://``, an e-mail attachment or a projector without network.

JSON the script reads (``D``): ``nodes[i]`` for the value at position ``i`` of `topological_order` with
``name role frozen op data grad replay symbol explain step drawn`` (``drawn``: the name the drawing shows an
unlabelled value by, ``w1*x1`` for ``#3``; empty when it is ``name``), ``inputs`` (``[child, ∂name/∂child, local]``
per input) and ``sent`` (``[position, contribution, input's grad after]`` per input, from the tape);
``steps[k]`` = ``[node, text]`` in the order backward() processed them; ``root``, ``rootName``,
``mismatches`` (names whose ``.grad`` differ from the replay).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

__all__ = ["template", "fill"]

_SLOT = re.compile(r"@@([A-Z_]+)@@")


def _read(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def template() -> str:
    """``page.html`` with its stylesheet and script inlined; the graph's slots still open."""
    parts = {"CSS": _read("explorer.css").rstrip("\n"), "JS": _read("explorer.js").rstrip("\n")}
    return _SLOT.sub(lambda m: parts.get(m.group(1), m.group(0)), _read("page.html"))


def fill(parts: dict[str, str]) -> str:
    """The page with every slot filled from ``parts`` in one pass (inserted text is not rescanned)."""
    return _SLOT.sub(lambda m: parts[m.group(1)], template())

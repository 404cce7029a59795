"""How wide a text is drawn: Helvetica's widths (Arial and Liberation Sans share them), generous for the
rest, so a table cell can be made wide enough for what a browser draws, not only for what dot estimates.

dot sizes HTML-like table cells from its own estimate and writes their text left-aligned; a browser
drawing the text ~3% wider (and other glyphs wider still) pushes the end of a long cell past its border.
`text_width` errs on the wide side: a cell given ``width=text_width(...)`` holds the text as drawn.
"""

from __future__ import annotations

__all__ = ["text_width"]

# Helvetica's advance widths in 1/1000 em (the Adobe metrics) for printable ASCII
_ASCII = dict(zip(
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~",
    [278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278] + [556] * 10
    + [278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,
       722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556,
       556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556,
       500, 722, 500, 500, 500, 334, 260, 334, 584],
))  # fmt: skip
#: the maths a drawing writes, as Chromium draws them in Liberation Sans (its fallback fonts for the rest)
_MATHS = {"∂": 500, "δ": 560, "σ": 630, "→": 1000, "−": 584, "½": 834, "²": 333, "³": 333, "·": 278, "×": 584, "√": 549, "…": 1000, "⋮": 1000, "Σ": 720}  # fmt: skip
#: anything else: a full em, more than most glyphs take
_OTHER = 1000
#: a browser's text runs up to this much wider than the metrics (measured: 3.5%)
_SLACK = 1.05


def text_width(text: str, size: float) -> float:
    """The width in points of ``text`` at font ``size`` points, on the wide side."""
    return sum(_ASCII.get(c) or _MATHS.get(c, _OTHER) for c in text) * size * _SLACK / 1000

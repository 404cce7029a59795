"""A drawing as DOT text, and rendering it with Graphviz: `Drawing`, `render_dot`, the rendering errors.

Building a drawing needs nothing but Python: `Drawing` holds the DOT source (``drawing.source``), and
``save(drawing, "g.dot")`` writes it. Rendering (``save(drawing, "g.svg")``, ``drawing.pipe()``,
``drawing.render(...)``, a notebook showing it inline) runs Graphviz's ``dot`` through the ``graphviz``
Python package, imported only then: `GraphvizNotFoundError` says how to install whichever is missing.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Optional, Union

from autograd_mini import validate
from autograd_mini.files import write_atomically

__all__ = ["Drawing", "GraphvizNotFoundError", "RenderError", "FORMATS", "RENDER_FORMATS", "INSTALL_HINT"]

#: file suffix -> Graphviz output format (None: the DOT source itself, no Graphviz needed)
FORMATS: dict[str, Optional[str]] = {".svg": "svg", ".png": "png", ".pdf": "pdf", ".dot": None, ".gv": None}
RENDER_FORMATS = ("svg", "png", "pdf")
INSTALL_HINT = (
    "Graphviz's 'dot' program is needed to render graphs and was not found on PATH. Install it: "
    "'sudo apt-get install graphviz' (Debian/Ubuntu), 'brew install graphviz' (macOS), or without root "
    "'pip install graphviz-pure', a wheel whose 'graphviz-pure' program works as dot for SVG and PNG once "
    "linked under that name ('ln -s \"$(which graphviz-pure)\" ~/.local/bin/dot'). The DOT source (draw_dot(...).source, or "
    "save() to a .dot file) needs no Graphviz."
)
PACKAGE_HINT = (
    "rendering a drawing needs the 'graphviz' Python package, which is not installed: 'pip install graphviz' "
    "(and Graphviz's dot program: 'sudo apt-get install graphviz' / 'brew install graphviz'). The DOT source "
    "(draw_dot(...).source, or save() to a .dot file) needs neither."
)


class GraphvizNotFoundError(RuntimeError):
    """Rendering needs Graphviz's ``dot`` program (or the ``graphviz`` Python package) and it is missing;
    the message says how to install it. Building a drawing and its DOT source never raise it."""

    def __init__(self, message: str = INSTALL_HINT) -> None:
        super().__init__(message)


class RenderError(RuntimeError):
    """Graphviz's dot ran but could not produce the drawing (a format it cannot write, a label too long
    for it, a crash); the message says what it said and what to do."""


class Drawing:
    """A drawing of a computation graph: its DOT ``source`` and how to render it.

    ``format`` is the format `pipe` and `render` produce by default and notebooks show (``"svg"``).
    ``notes`` lists warnings written into the drawing's caption (e.g. stale gradients).
    """

    def __init__(self, source: str, format: str = "svg", notes: tuple[str, ...] = ()) -> None:
        """Checked as `draw_dot` checks its arguments: TypeError/ValueError starting ``Drawing:``."""
        validate.text(source, "Drawing", "source (the DOT text, e.g. 'digraph { a -> b }')", empty=False)
        self.source = source
        self.format = validate.choice(format, RENDER_FORMATS, "Drawing", "format")
        self.notes = tuple(validate.text(n, "Drawing", "each note") for n in validate.sequence(notes, "Drawing", "notes"))

    def __str__(self) -> str:
        return self.source

    def __repr__(self) -> str:
        return f"<Drawing: {self.source.count(chr(10))} lines of DOT, format {self.format!r}>"

    def pipe(self, format: Optional[str] = None) -> bytes:
        """The drawing rendered by Graphviz's dot, as bytes (``format``: "svg", "png" or "pdf")."""
        fmt = self.format if format is None else validate.choice(format, RENDER_FORMATS, "Drawing.pipe", "format")
        return render_dot(self.source, fmt, "Drawing.pipe")

    def render(self, filename: Union[str, os.PathLike], format: Optional[str] = None) -> Path:
        """Render to ``filename`` + ``.`` + format (``render("g")`` writes ``g.svg``); returns the path."""
        fmt = self.format if format is None else validate.choice(format, RENDER_FORMATS, "Drawing.render", "format")
        path = Path(validate.file_path(filename, "Drawing.render", "filename", "mazur"))
        return write_atomically(path.with_name(f"{path.name}.{fmt}"), render_dot(self.source, fmt, "Drawing.render"), "Drawing.render")

    def _repr_svg_(self) -> str:
        return self.pipe(format="svg").decode("utf-8")

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        """Notebooks show the SVG; without Graphviz, the reason and how to install it (as text)."""
        try:
            return {"image/svg+xml": self._repr_svg_()}
        except (GraphvizNotFoundError, RenderError) as error:
            return {"text/plain": f"{self!r}\n{error}"}


def utf8(source: str) -> bytes:
    """The DOT text as UTF-8; a lone surrogate in a label (not encodable) is shown as "?"."""
    return source.encode("utf-8", "replace")


def render_dot(source: str, fmt: str, where: str, path: Optional[Path] = None) -> bytes:
    """Render DOT source with Graphviz's dot; every failure becomes GraphvizNotFoundError or RenderError."""
    try:
        import graphviz
    except ImportError:
        raise GraphvizNotFoundError(f"{where}: {PACKAGE_HINT}") from None
    target = f" {str(path)!r}" if path is not None else ""
    try:
        data = graphviz.pipe("dot", fmt, utf8(source))
    except graphviz.ExecutableNotFound:
        raise GraphvizNotFoundError(f"{where}: {INSTALL_HINT}") from None
    except graphviz.CalledProcessError as error:  # e.g. graphviz-pure's dot has no PDF writer
        said = (error.stderr or b"").decode("utf-8", "replace").strip().splitlines()
        raise RenderError(
            f"{where}: Graphviz's dot could not write .{fmt}{target}: {said[-1] if said else error}. "
            "Try .svg or .png, or install the full Graphviz (apt-get install graphviz / brew install graphviz)."
        ) from None
    except OSError as error:  # a broken pipe: dot gave up reading (a huge label, a crash)
        raise RenderError(
            f"{where}: Graphviz's dot stopped before reading the whole drawing{target} ({type(error).__name__}: {error}). "
            "Shorten very long labels or draw a smaller part of the graph, or save the DOT source to a .dot file."
        ) from None
    if not data:
        raise RenderError(f"{where}: Graphviz's dot produced no {fmt} output{target}; save the DOT source to a .dot file to inspect it")
    return data

"""docs/walkthrough.ipynb runs from top to bottom and shows the graph (SVG) and the post's numbers.

The notebook is executed with nbclient in a fresh kernel (ipykernel, from this Python). Where no
kernel can start (nbclient/ipykernel missing, no sockets), the test is skipped with the reason, except
under CI=true, where it fails: CI must execute the notebook.
"""

import os
from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parents[2] / "docs" / "walkthrough.ipynb"
IN_CI = os.environ.get("CI") == "true"
pytestmark = pytest.mark.slow  # a fresh Jupyter kernel runs the whole notebook


def _unavailable(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"the notebook must run in CI: {reason}")
    print(f"skipped: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def executed():
    try:
        import nbformat
        from nbclient import NotebookClient
        from nbclient.exceptions import CellExecutionError
    except ImportError as error:
        _unavailable(f"nbclient/nbformat are not installed ({error}); pip install nbclient ipykernel")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    try:
        client.execute()
    except CellExecutionError:
        raise  # the notebook itself is broken: a failure, never a skip
    except Exception as error:  # no kernelspec, the kernel died or never answered
        _unavailable(f"no Jupyter kernel could start: {type(error).__name__}: {error}")
    return nb


def _outputs(nb):
    return [out for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs]


def _texts(nb):
    """Every text the notebook shows: streams, plain text, Markdown, SVG."""
    texts = []
    for out in _outputs(nb):
        if out.output_type == "stream":
            texts.append(out.text)
        for mime in ("text/plain", "text/markdown", "image/svg+xml"):
            data = out.get("data", {}).get(mime)
            if data:
                texts.append(data if isinstance(data, str) else "".join(data))
    return "\n".join(texts)


def test_the_notebook_runs_without_errors(executed):
    errors = [out for out in _outputs(executed) if out.output_type == "error"]
    assert not errors, [f"{e.ename}: {e.evalue}" for e in errors]
    code = [cell for cell in executed.cells if cell.cell_type == "code"]
    assert all(cell.execution_count for cell in code)


def test_the_notebook_shows_the_graph_as_svg(executed):
    svgs = [out["data"]["image/svg+xml"] for out in _outputs(executed) if "image/svg+xml" in out.get("data", {})]
    if not svgs and "Graphviz" in _texts(executed):
        _unavailable("Graphviz's dot is not installed, so the drawing shows as text")
    assert len(svgs) >= 2  # the Mazur network and the lecture expression
    mazur = svgs[0] if isinstance(svgs[0], str) else "".join(svgs[0])
    assert "<svg" in mazur and "0.082167041" in mazur and "E_total" in mazur


@pytest.mark.parametrize(
    "figure",
    ["0.75136507", "0.298371109", "0.082167041", "0.000438568", "0.036350306", "0.35891648", "0.149780716", "-0.019049119"],
)
def test_the_notebook_shows_the_published_numbers(executed, figure):
    assert figure in _texts(executed)


def test_the_explanations_tape_and_worksheet_display_richly(executed):
    markdown = [out["data"]["text/markdown"] for out in _outputs(executed) if "text/markdown" in out.get("data", {})]
    assert any("0.082167041" in m for m in markdown)  # explain(E_total, "w5") as Markdown with the maths
    assert any("| step |" in m for m in markdown)  # the tape as a table
    assert any("∂E_total/∂node" in m for m in markdown)  # the worksheet's answer key


def test_the_training_curve_or_its_numbers(executed):
    texts = _texts(executed)
    assert "0.291027774" in texts and "0.291027924" in texts and "0.0000351085" in texts
    plotted = any("image/png" in out.get("data", {}) for out in _outputs(executed))
    assert plotted or "after 10,000 updates" in texts


def test_the_stored_notebook_is_valid_and_names_its_kernel():
    import json

    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    assert nb["nbformat"] == 4 and nb["metadata"]["kernelspec"]["name"] == "python3"
    sources = "".join("".join(cell["source"]) for cell in nb["cells"])
    for call in ("draw_dot(E_total", 'explain(E_total, "w5")', 'explain(E_total, "w1")', "tape(E_total)", "worksheet(E_total", ".step()", ".train("):
        assert call in sources

"""Issue 19: `Drawing` checks its arguments when made (defect 8), and saving under a path whose
"folder" is a file is a clear error naming it."""

from __future__ import annotations

import pytest

from autograd_mini import Drawing, Value, draw_dot, save


@pytest.mark.parametrize(
    "args, error, words",
    [
        ((None,), TypeError, ["Drawing: source", "must be a str", "NoneType"]),
        ((5,), TypeError, ["Drawing: source", "int: 5"]),
        ((b"digraph{}",), TypeError, ["Drawing: source", "bytes"]),
        (("",), ValueError, ["Drawing: source", "must not be empty"]),
        (("digraph{}", "xyz"), ValueError, ["Drawing: format must be one of 'svg', 'png', 'pdf'", "'xyz'"]),
        (("digraph{}", None), TypeError, ["Drawing: format"]),
        (("digraph{}", "svg", "a note"), TypeError, ["Drawing: notes must be a list"]),
        (("digraph{}", "svg", ("ok", 3)), TypeError, ["Drawing: each note must be a str", "int: 3"]),
        (("digraph{}", "svg", None), TypeError, ["Drawing: notes"]),
    ],
)
def test_drawing_checks_its_arguments_when_made(args, error, words):
    with pytest.raises(error) as caught:
        Drawing(*args)
    for w in words:
        assert w in str(caught.value)


def test_a_good_drawing_is_as_draw_dot_makes_it():
    x = Value(2.0, "x")
    y = x * x
    y.backward()
    made = draw_dot(y)
    again = Drawing(made.source, made.format, list(made.notes))
    assert (again.source, again.format, again.notes) == (made.source, made.format, made.notes)
    assert isinstance(again.notes, tuple)


@pytest.mark.parametrize("inside", ["a_file/x.dot", "a_file/deeper/x.dot"])
def test_saving_under_a_file_says_it_is_a_file_not_a_folder(tmp_path, monkeypatch, inside):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a_file").write_text("keep me")
    x = Value(2.0, "x")
    y = x * x
    y.backward()
    with pytest.raises(NotADirectoryError, match=r"^save: cannot write '" + inside + r"': 'a_file' is a file, not a folder"):
        save(draw_dot(y), inside)
    assert (tmp_path / "a_file").read_text() == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a_file"]

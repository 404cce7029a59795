"""The one neuron/layer grammar (`autograd_mini.neurons`) and the places that read labels with it."""

from __future__ import annotations

import pytest
from graph_fixtures import hand_mlp

from autograd_mini import Value, draw_dot
from autograd_mini.drawing.clusters import assign_clusters, layer_box
from autograd_mini.engine import topological_order
from autograd_mini.neurons import NeuronLabel, find_layers, neuron_label, neuron_of


@pytest.mark.parametrize(
    "label, read",
    [
        ("net_h1", NeuronLabel("net", "h1", "h")),
        ("out_o2", NeuronLabel("out", "o2", "o")),
        ("net_h2_3", NeuronLabel("net", "h2_3", "h2")),
        ("out_h1_10", NeuronLabel("out", "h1_10", "h1")),
        ("net_hidden", NeuronLabel("net", "hidden", "hidden")),
        ("net_<script>1", NeuronLabel("net", "<script>1", "<script>")),
        ("net_", None),
        ("out", None),
        ("w5", None),
        ("E_total", None),
        ("", None),
    ],
)
def test_the_grammar_reads_a_label_as_part_neuron_and_layer(label, read):
    assert neuron_label(label) == read
    assert neuron_of(label) == (read.neuron if read is not None and read.part == "net" else None)


@pytest.mark.parametrize("sizes", [(2, 2), (4, 4, 1), (5, 5, 2), (3, 3, 3, 3, 1)])
def test_the_clusters_presets_box_exactly_the_neurons_and_layers_find_layers_finds(sizes):
    g = hand_mlp(3, sizes)
    order = topological_order(g.E_total)
    layers = find_layers(order)
    assert [[n.name for n in layer.neurons] for layer in layers] == g.neurons
    boxes = assign_clusters(order, "neurons", inherit=False)
    for layer in layers:
        for neuron in layer.neurons:
            assert boxes[id(neuron.net)] == (layer_box(layer.name), neuron.name)
            assert boxes[id(neuron.out)] == (layer_box(layer.name), neuron.name)
    layer_boxes = assign_clusters(order, "layers", inherit=False)
    assert {layer_boxes[id(n.net)][0] for layer in layers for n in layer.neurons} == {layer_box(layer.name) for layer in layers}


def test_a_neuron_named_without_an_index_is_one_answer_in_both_places():
    x = Value(1.0, "x", role="input")
    w = Value(0.5, "w", role="parameter")
    net = x * w
    net.label = "net_hidden"
    out = net.tanh()
    out.label = "out_hidden"
    out.backward()
    order = topological_order(out)
    assert [layer.name for layer in find_layers(order)] == ["hidden"]
    assert assign_clusters(order, "neurons", inherit=False)[id(out)] == ("layer hidden", "hidden")
    assert "layer hidden" in draw_dot(out, clusters="layers").source


def test_the_mazur_graph_reads_as_two_layers_of_two(mazur_graph):
    g = mazur_graph
    layers = find_layers(topological_order(g.E_total))
    assert [(layer.name, [n.name for n in layer.neurons]) for layer in layers] == [("h", ["h1", "h2"]), ("o", ["o1", "o2"])]
    assert layers[0].neurons[0].weights == ((g.w1, g.i1), (g.w2, g.i2)) and layers[0].neurons[0].bias is g.b1

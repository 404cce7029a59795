"""Bad calls across the whole nn API, one row each: the exception TYPE (TypeError for a wrong type,
ValueError for a wrong value, an ArithmeticError for a numerical failure) and the message, which starts
with what was called and says what was wrong (issue 9's one rule)."""

from __future__ import annotations

import random

import pytest

from autograd_mini import Value
from nn import MLP, SGD, Adam, Layer, NAdam, Neuron, RuderNadam, dataset_cost, init, train
from nn.examples import mazur
from nn.losses import binary_cross_entropy, cross_entropy, exponential_cost, hellinger_distance, logistic_cost, mse_loss, quadratic_cost
from nn.optim import ExponentialLR, LambdaLR, StepLR
from nn.search import grid_search, grid_size, grid_values, monte_carlo_search

NAN, INF = float("nan"), float("inf")


def m() -> MLP:
    return MLP(2, [2, 1], seed=0)


def opt() -> SGD:
    return SGD([Value(1.0)], lr=0.1)


X, Y = [[0.0, 1.0], [1.0, 0.0]], [[1.0], [0.0]]

ROWS = [
    # ------------------------------------------------ MLP / Layer / Neuron construction
    (lambda: MLP("2", [2]), TypeError, r"^MLP: nin must be a whole number"),
    (lambda: MLP(0, [2]), ValueError, r"^MLP: nin must be between 1 and 10,000,000, got 0"),
    (lambda: MLP(2.0, [2]), TypeError, r"^MLP: nin must be a whole number"),
    (lambda: MLP(True, [2]), TypeError, r"^MLP: nin must be a whole number .*bool"),
    (lambda: MLP(2, 2), TypeError, r"^MLP: sizes .* must be a list"),
    (lambda: MLP(2, []), ValueError, r"^MLP: sizes .* at least 1 entry"),
    (lambda: MLP(2, [2, -1]), ValueError, r"^MLP: sizes\[1\] must be between 1 and 10,000,000"),
    (lambda: MLP(10 ** 12, [1]), ValueError, r"^MLP: nin must be between 1 and 10,000,000"),
    (lambda: MLP(10 ** 6, [100]), ValueError, r"^MLP: 100,000,100 parameters is more than this scalar engine can hold"),
    (lambda: Layer(10 ** 4, 10 ** 4), ValueError, r"^Layer: 100,010,000 parameters is more than"),
    (lambda: grid_size(100_000, 10 ** 100), ValueError, r"^grid_size: .* has more than 10 million binary digits"),
    (lambda: MLP(2, [2, 1.5]), TypeError, r"^MLP: sizes\[1\] must be a whole number"),
    (lambda: MLP(2, [2], activation="softmax"), ValueError, r"^MLP: activation must be one of 'sigmoid'"),
    (lambda: MLP(2, [2, 1], activation=["tanh", "gelu"]), ValueError, r"^MLP: activation\[1\] must be one of 'sigmoid'"),
    (lambda: Layer(2, 2, activation="softmax"), ValueError, r"^Layer: activation must be one of 'sigmoid'"),
    (lambda: MLP(2, [2], activation=3), TypeError, r"^MLP: activation .* must be a list"),
    (lambda: MLP(2, [2, 1], bias=["neuron"]), ValueError, r"^MLP: bias .* must have 2 entries, got 1"),
    (lambda: MLP(2, [2], names=["h", "o"]), ValueError, r"^MLP: names must have 1 entries, got 2"),
    (lambda: MLP(2, [2, 1], names=["h", "h"]), ValueError, r"^MLP: names must differ"),
    (lambda: MLP(2, [2], names=[5]), TypeError, r"^MLP: names\[0\] must be a str"),
    (lambda: MLP(2, [2], input_name=""), ValueError, r"^MLP: input_name must not be empty"),
    (lambda: MLP(2, [2], seed="abc"), TypeError, r"^MLP: seed must be a whole number"),
    (lambda: MLP(2, [1], weights=[[[NAN, 0.0]]]), ValueError, r"^MLP: layer o: weights\[0\]\[0\] must be a finite number, got nan"),
    (lambda: MLP(2, [1], weights=[[["a", 0.0]]]), TypeError, r"^MLP: layer o: weights\[0\]\[0\] must be a real number"),
    (lambda: MLP(2, [1], weights=[[[1e400 if False else INF, 0.0]]]), ValueError, r"^MLP: layer o: weights\[0\]\[0\] must be a finite"),
    (lambda: MLP(2, [1], biases=[[10 ** 400]]), ValueError, r"^MLP: layer o: biases.*\[0\] = int: .* is too large for a float"),
    (lambda: MLP(2, [1], bias="shared", biases=[NAN]), ValueError, r"^MLP: layer o: the shared bias \(one number\) must be a finite"),
    (lambda: Layer(2, 2, bias="none", biases=[0.1, 0.2]), ValueError, r"^Layer h: biases given but bias='none'"),
    (lambda: Layer(2, 0), ValueError, r"^Layer: nout must be between 1 and 10,000,000"),
    (lambda: Layer(2, 2, name=""), ValueError, r"^Layer: name must not be empty"),
    (lambda: Layer(2, 2, input_names=["a"]), ValueError, r"^Layer h: input_names must have 2 entries"),
    (lambda: Neuron(2, weights=[0.1, 0.2, 0.3]), ValueError, r"^Neuron n: weights \(one per input\) must have 2 entries, got 3"),
    (lambda: Neuron(2, bias="0.5"), TypeError, r"^Neuron n: bias must be a real number"),
    (lambda: Neuron(2, seed=random), TypeError, r"^Neuron n: seed must be a whole number"),
    # ------------------------------------------------ forward
    (lambda: m()([1.0]), ValueError, r"^MLP: inputs must have 2 entries, got 1"),
    (lambda: m()([1.0, NAN]), ValueError, r"^MLP: input i2 must be a finite number, got nan"),
    (lambda: m()([1.0, -INF]), ValueError, r"^MLP: input i2 must be a finite number, got -inf"),
    (lambda: m()([1.0, None]), TypeError, r"^MLP: input i2 must be a real number .*NoneType"),
    (lambda: m()([1.0, True]), TypeError, r"^MLP: input i2 must be a real number .*bool"),
    (lambda: m()({1.0, 2.0}), TypeError, r"^MLP: inputs must be a list"),
    (lambda: m()("ab"), TypeError, r"^MLP: inputs must be a list"),
    (lambda: m()(None), TypeError, r"^MLP: inputs must be a list"),
    (lambda: Layer(2, 2)([1.0, "x"]), TypeError, r"^Layer h: input x2 must be a real number"),
    # ------------------------------------------------ freeze / state_dict / load_state_dict / save / load
    (lambda: m().freeze(0), TypeError, r"^MLP\.freeze: a parameter name .* must be a str, got int: 0"),
    (lambda: m().unfreeze(None), TypeError, r"^MLP\.unfreeze: a parameter name"),
    (lambda: m().freeze("layers.7"), ValueError, r"^MLP\.freeze: no parameter is named 'layers.7'"),
    (lambda: m().state_dict(flat="yes"), TypeError, r"^MLP\.state_dict: flat must be True or False"),
    (lambda: m().load_state_dict([1.0]), TypeError, r"^MLP\.load_state_dict: expected a dict"),
    (lambda: m().load_state_dict({}), ValueError, r"^MLP\.load_state_dict: keys do not match MLP: missing"),
    (lambda: m().load_state_dict({**m().state_dict(), "layers.1.bias": [NAN]}), ValueError,
     r"^MLP\.load_state_dict: 'layers\.1\.bias\[0\]' must be a finite number"),
    (lambda: m().load_state_dict({**m().state_dict(), "layers.1.bias": 0.5}), ValueError,
     r"^MLP\.load_state_dict: 'layers\.1\.bias' has shape \(1,\) in this model, but the given value has shape \(\)"),
    (lambda: m().save(3), TypeError, r"^MLP\.save: path must be a str or a pathlib\.Path"),
    (lambda: m().save(""), ValueError, r"^MLP\.save: path '' is not a valid file name"),
    (lambda: m().load(None), TypeError, r"^MLP\.load: path must be a str"),
    (lambda: m().load("/nonexistent-folder/model.json"), FileNotFoundError, r"^MLP\.load: no file '/nonexistent-folder/model\.json'"),
    (lambda: m().save("/nonexistent-folder/model.json"), FileNotFoundError,
     r"^MLP\.save: the folder of '/nonexistent-folder/model\.json' does not exist"),
    # ------------------------------------------------ optimizers and schedules
    (lambda: SGD(None, lr=0.1), TypeError, r"^SGD: parameters must be a model, a Value or a list of Values \(model\.parameters\(\)\)"),
    (lambda: SGD([], lr=0.1), ValueError, r"^SGD: got no parameters; pass model\.parameters\(\)"),
    (lambda: SGD([1.0], lr=0.1), TypeError, r"^SGD: parameters must be Values"),
    (lambda: SGD([Value(1.0)], lr="0.1"), TypeError, r"^SGD: lr .* must be a real number"),
    (lambda: SGD([Value(1.0)], lr=-0.1), ValueError, r"^SGD: lr .* must be a positive number"),
    (lambda: SGD([Value(1.0)], lr=INF), ValueError, r"^SGD: lr .* must be a finite number"),
    (lambda: SGD([Value(1.0)], lr=0.1, momentum=NAN), ValueError, r"^SGD: momentum must be a finite number"),
    (lambda: SGD([Value(1.0)], lr=0.1, momentum=0.9, nesterov="yes"), TypeError, r"^SGD: nesterov must be True or False"),
    (lambda: Adam([Value(1.0)], betas=(0.9,)), ValueError, r"^Adam: betas .* must have 2 entries"),
    (lambda: Adam([Value(1.0)], betas=(0.9, "x")), TypeError, r"^Adam: betas\[1\] must be a real number"),
    (lambda: Adam([Value(1.0)], eps=-1.0), ValueError, r"^Adam: eps must lie in \[0, inf\)"),
    (lambda: NAdam([Value(1.0)], momentum_decay=-0.1), ValueError, r"^NAdam: momentum_decay must lie in"),
    (lambda: RuderNadam([Value(1.0)], lr=0), ValueError, r"^RuderNadam: lr .* must be a positive number"),
    (lambda: opt().step(closure=5), TypeError, r"^SGD\.step: closure must be a function"),
    (lambda: SGD([setattr(v := Value(1.0, "w"), "grad", "0.1") or v], lr=0.1).step(), TypeError,
     r"^SGD\.step: the gradient of 'w' \(parameter 0\) must be a real number"),
    (lambda: StepLR(opt(), step_size=2.5), TypeError, r"^StepLR: step_size \(epochs\) must be a whole number"),
    (lambda: StepLR(opt(), step_size=0), ValueError, r"^StepLR: step_size \(epochs\) must be ≥ 1"),
    (lambda: StepLR(opt(), step_size=1, gamma=INF), ValueError, r"^StepLR: gamma must be a finite number"),
    (lambda: ExponentialLR(opt(), gamma=-0.5), ValueError, r"^ExponentialLR: gamma must lie in \(0, inf\)"),
    (lambda: ExponentialLR("opt", gamma=0.5), TypeError, r"^ExponentialLR: optimizer must be an nn\.optim optimizer"),
    (lambda: LambdaLR(opt(), 0.5), TypeError, r"^LambdaLR: lr_lambda .* must be a function"),
    (lambda: LambdaLR(opt(), lambda e: -1.0), ValueError, r"^LambdaLR: the schedule gives a learning rate of -0\.1 for epoch 0"),
    (lambda: LambdaLR(opt(), lambda e: INF), ValueError, r"^LambdaLR: the schedule gives a learning rate of inf"),
    (lambda: LambdaLR(opt(), lambda e: NAN), ValueError, r"^LambdaLR: the schedule gives a learning rate of nan"),
    (lambda: LambdaLR(opt(), lambda e: "fast"), TypeError, r"^LambdaLR: lr_lambda\(0\) must be a real number"),
    (lambda: LambdaLR(opt(), lambda e: 1.0 - e).step(), ValueError, r"^LambdaLR\.step: the schedule gives a learning rate of 0\.0 for epoch 1"),
    # ------------------------------------------------ init
    (lambda: init.uniform_(m(), -1e308, 1e308), ValueError, r"^uniform_: the interval .* wider than the float range"),
    (lambda: init.uniform_(m(), 1.0, 0.0), ValueError, r"^uniform_: the interval \[a, b\] = \[1\.0, 0\.0\] is empty"),
    (lambda: init.uniform_("model"), TypeError, r"^uniform_: target must be a model, a Value or a list of Values"),
    (lambda: init.normal_(m(), std=NAN), ValueError, r"^normal_: std must be a finite number"),
    (lambda: init.constant_(m(), None), TypeError, r"^constant_: val must be a real number"),
    (lambda: init.xavier_uniform_(m(), gain="2"), TypeError, r"^xavier_uniform_: gain must be a real number"),
    (lambda: init.kaiming_uniform_(m(), nonlinearity="gelu"), ValueError, r"^kaiming_uniform_: nonlinearity must be one of"),
    (lambda: init.calculate_gain("leaky_relu", NAN), ValueError, r"^calculate_gain: param \(the negative slope\) must be a finite"),
    (lambda: init.uniform_(m(), seed=1.5), TypeError, r"^uniform_: seed must be a whole number"),
    # ------------------------------------------------ losses
    (lambda: quadratic_cost([Value(0.5)], [NAN]), ValueError, r"^quadratic_cost: target 0 must be a finite number"),
    (lambda: quadratic_cost([Value(0.5)], ["1"]), TypeError, r"^quadratic_cost: target 0 must be a real number"),
    (lambda: quadratic_cost([Value(0.5)], [1.0, 2.0]), ValueError, r"^quadratic_cost: 1 outputs but 2 targets"),
    (lambda: quadratic_cost([Value(0.5)], [1.0], reduction="avg"), ValueError, r"^quadratic_cost: reduction must be one of 'sum', 'mean', 'none'"),
    (lambda: quadratic_cost(None, [1.0]), TypeError, r"^quadratic_cost: outputs must be a list"),
    (lambda: mse_loss([INF], [1.0]), ValueError, r"^mse_loss: output 0 must be a finite number"),
    (lambda: binary_cross_entropy([Value(1.0)], [0.0]), ValueError, r"^binary_cross_entropy: output 0 is h = 1\.0 with target 0\.0, so log\(1 − h\)"),
    (lambda: cross_entropy([1.0, 2.0], 2), ValueError, r"^cross_entropy: class index 2 is out of range for 2 classes"),
    (lambda: cross_entropy([1.0, 2.0], True), TypeError, r"^cross_entropy: targets must be a list"),
    (lambda: exponential_cost([1.0], [0.0], tau=0.0), ValueError, r"^exponential_cost: tau \(τ\) must be a positive number"),
    (lambda: exponential_cost([1.0], [0.0], tau="1"), TypeError, r"^exponential_cost: tau \(τ\) must be a real number"),
    (lambda: hellinger_distance([Value(0.0)], [0.5]), ValueError, r"^hellinger_distance: output 0 is 0 while its target is 0\.5"),
    (lambda: logistic_cost([[0.5]], 0.5), TypeError, r"^logistic_cost: targets must be a list"),
    # ------------------------------------------------ search and training
    (lambda: grid_values(0.0, 1.0, 1e-9), ValueError, r"^grid_values: \[0\.0, 1\.0\] in steps of 1e-09 is 1e\+09 values, more than the 1,000,000"),
    (lambda: grid_values(-1e308, 1e308, 1.0), ValueError, r"^grid_values: .* is inf values"),
    (lambda: grid_values(0.0, 1.0, 0.0), ValueError, r"^grid_values: step must be a positive number"),
    (lambda: grid_values(NAN, 1.0, 0.1), ValueError, r"^grid_values: low must be a finite number"),
    (lambda: grid_values(0.0, 1e300, 1e-300), ValueError, r"^grid_values: .* is inf values, more than the 1,000,000"),
    (lambda: monte_carlo_search(lambda: 1.0, m(), 10 ** 400), ValueError, r"^monte_carlo_search: evaluations must be between 1 and 1,000,000,000"),
    (lambda: train(m(), quadratic_cost, X, Y, SGD(m().parameters(), lr=0.1), epochs=10 ** 400), ValueError,
     r"^train: epochs must be between 1 and 1,000,000,000"),
    (lambda: mazur().train(10 ** 12), ValueError, r"^Mazur\.train: iterations must be between 0 and 1,000,000,000"),
    (lambda: grid_size(10 ** 9), ValueError, r"^grid_size: n must be between 1 and 100,000"),
    (lambda: grid_search(lambda: 1.0, m(), values=[0.0, NAN]), ValueError, r"^grid_search: values\[1\] must be a finite number"),
    (lambda: grid_search(lambda: 1.0, m(), values=[]), ValueError, r"^grid_search: no grid values given"),
    (lambda: grid_search(lambda: 1.0, m()), ValueError, r"^grid_search: 21 values for 9 parameters is .* evaluations, more than max_evaluations"),
    (lambda: grid_search(lambda: "J", [Value(0.0)]), TypeError, r"^grid_search: cost\(\) must return a Value or a number"),
    (lambda: grid_search(5, [Value(0.0)]), TypeError, r"^grid_search: cost .* must be a function"),
    (lambda: grid_search(lambda: 1.0, [Value(0.0)], max_evaluations=0), ValueError, r"^grid_search: max_evaluations must be ≥ 1"),
    (lambda: monte_carlo_search(lambda: 1.0, m(), 0), ValueError, r"^monte_carlo_search: evaluations must be between 1 and 1,000,000,000"),
    (lambda: monte_carlo_search(lambda: 1.0, m(), 3, low=1.0, high=-1.0), ValueError, r"^monte_carlo_search: need low ≤ high"),
    (lambda: monte_carlo_search(lambda: 1.0, "w", 3), TypeError, r"^monte_carlo_search: params must be a model, a Value or a list of Values"),
    (lambda: train(m(), quadratic_cost, X, Y, SGD(m().parameters(), lr=0.1), epochs=0), ValueError, r"^train: epochs must be between 1 and 1,000,000,000"),
    (lambda: train(m(), quadratic_cost, X, Y[:1], SGD(m().parameters(), lr=0.1), epochs=1), ValueError, r"^train: 2 inputs but 1 targets"),
    (lambda: train(m(), quadratic_cost, [], [], SGD(m().parameters(), lr=0.1), epochs=1), ValueError, r"^train: the training set is empty"),
    (lambda: train(m(), quadratic_cost, X, Y, "sgd", epochs=1), TypeError, r"^train: optimizer must have step\(\) and zero_grad\(\)"),
    (lambda: train(m(), quadratic_cost, X, Y, SGD(m().parameters(), lr=0.1), epochs=1, batch_size=0), ValueError,
     r"^train: batch_size \(None for full batch\) must be ≥ 1"),
    (lambda: train(m(), quadratic_cost, X, Y, SGD(m().parameters(), lr=0.1), epochs=1, shuffle="no"), TypeError, r"^train: shuffle must be True or False"),
    (lambda: train(m(), quadratic_cost, X, Y, SGD(m().parameters(), lr=0.1), epochs=1, progress=-2), ValueError, r"^train: progress .* must be ≥ 1"),
    (lambda: train(m(), quadratic_cost, "XY", Y, SGD(m().parameters(), lr=0.1), epochs=1), TypeError, r"^train: inputs must be a list"),
    (lambda: train(mm := m(), quadratic_cost, [[0.0, NAN], [1.0, 0.0]], Y, SGD(mm.parameters(), lr=0.1), epochs=1), ValueError,
     r"^MLP: input i2 must be a finite number, got nan"),
    (lambda: train(m(), quadratic_cost, X, Y, SGD(m().parameters(), lr=0.1), epochs=1), ValueError,
     r"^train: the optimizer updates 9 parameters that are not the model's .*SGD\(model\.parameters\(\), lr=…\)"),
    (lambda: SGD([Value(1.0, "w") * 2.0], lr=0.1), ValueError, r"^SGD: parameters must be leaves .* the op '\*'"),
    (lambda: Adam(m().parameters() + [Value(1.0) + 1.0], lr=0.1), ValueError, r"^Adam: parameters must be leaves"),
    (lambda: dataset_cost(m(), "quadratic", X, Y), TypeError, r"^dataset_cost: loss_fn must be a function"),
    # ------------------------------------------------ the worked example
    (lambda: mazur().parameter("w9"), ValueError, r"^Mazur\.parameter: no parameter 'w9'"),
    (lambda: mazur().parameter(1), TypeError, r"^Mazur\.parameter: name must be a str"),
    (lambda: mazur().node("out_h1"), ValueError, r"^Mazur\.node: no graph yet; call forward\(\) first"),
    (lambda: mazur().train(10 ** 0, variant="fast"), ValueError, r"^Mazur\.train: variant must be one of 'standard', 'sequential'"),
]


@pytest.mark.parametrize("call, error, message", ROWS)
def test_a_bad_call_raises_the_documented_type_with_a_message_naming_the_call(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_there_are_at_least_sixty_rows_and_no_internal_exception_types():
    assert len(ROWS) >= 60
    assert not {e for _, e, _ in ROWS} & {AttributeError, KeyError, IndexError, RecursionError, UnicodeDecodeError}

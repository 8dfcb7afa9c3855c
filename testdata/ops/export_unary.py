"""Op cases for elementwise functions and activations (issue 12): every activation module of
torch.nn, the torch.* / F.* elementwise math ops, clamps, pairwise max / min and torch.where with a
condition computed from the data. Inputs are [1, C, H, W] or [1, N]."""
import torch
import torch.nn as nn
import torch.nn.functional as F

from opcases import Case, rand, write_topic


class Fn(nn.Module):
    """A module running one function of its inputs (a lambda cannot be traced as a module)."""

    def __init__(self, f):
        super().__init__()
        self.f = f

    def forward(self, *xs):
        return self.f(*xs)


def fn(f):
    return lambda: Fn(f)


def zero_(x):
    y = x * 2
    y.zero_()
    return y + x


def fill_(x):
    y = x * 2
    y.fill_(1.5)
    return y - x


X4 = (1, 4, 5, 6)
X2 = (1, 24)


def x4(seed):
    return [rand(seed, *X4)]


def x2(seed):
    return [rand(seed, *X2)]


def two4(seed):
    return [rand(seed, *X4), rand(seed + 1000, *X4)]


CASES = [
    # --- functions of torch.nn.functional and torch ---
    Case("glu", fn(lambda x: F.glu(x, dim=1)), x4(1), why="F.glu over channels", layers=["Input", "Slice", "Sigmoid", "BinaryOp"]),
    Case("logsigmoid", fn(F.logsigmoid), x4(2), layers=["Input", "Sigmoid", "UnaryOp"]),
    Case("hardshrink", fn(lambda x: F.hardshrink(x, 0.6)), x4(3), layers=["Input", "Shrink"]),
    Case("softshrink", fn(lambda x: F.softshrink(x, 0.4)), x4(4), layers=["Input", "Shrink"]),
    Case("tanhshrink", fn(F.tanhshrink), x4(5)),
    Case("softsign", fn(F.softsign), x4(6)),
    Case("acosh", fn(lambda x: torch.acosh(x.abs() + 1.1)), x4(7), formats=("pt",), why="no ONNX export in PyTorch 1.13"),
    Case("asinh", fn(torch.asinh), x4(8), formats=("pt",), why="no ONNX export in PyTorch 1.13", layers=["Input", "UnaryOp"]),
    Case("atanh", fn(lambda x: torch.atanh(torch.tanh(x) * 0.9)), x4(9), formats=("pt",), why="no ONNX export in PyTorch 1.13"),
    Case("square", fn(torch.square), x4(10)),
    Case("log10", fn(lambda x: torch.log10(x.abs() + 0.1)), x4(11)),
    Case("log2", fn(lambda x: torch.log2(x.abs() + 0.1)), x4(12)),
    Case("log1p", fn(lambda x: torch.log1p(x.abs() * 1e-3)), x4(13), why="small arguments, where log(1 + x) rounds"),
    Case("expm1", fn(lambda x: torch.expm1(x * 1e-3)), x4(14), formats=("pt",), why="no ONNX export in PyTorch 1.13"),
    Case("sinh_cosh", fn(lambda x: torch.sinh(x) + torch.cosh(x) * 0.5), x4(15), formats=("pt",), why="no ONNX export in PyTorch 1.13"),
    Case("sign", fn(torch.sign), x4(16), layers=["Input", "UnaryOp"]),
    Case("pow_data", fn(lambda x, y: torch.pow(x.abs() + 0.5, y)), two4(17), why="pow with a data exponent", layers=["Input", "Input", "UnaryOp", "BinaryOp", "BinaryOp"]),
    Case("zero_", fn(zero_), x4(18), why="Tensor.zero_ on an intermediate", layers=["Input", "MemoryData", "BinaryOp"]),
    Case("fill_", fn(fill_), x4(19), why="Tensor.fill_ with a number"),
    Case("threshold", fn(lambda x: F.threshold(x, 0.3, -2.0)), x4(20), formats=("pt",),
         why="ONNX export refuses a non-zero threshold",
         layers=["Input", "Split", "Threshold", "Split", "BinaryOp", "BinaryOp", "BinaryOp", "BinaryOp"]),
    Case("celu", fn(lambda x: F.celu(x, 0.7)), x4(21)),
    Case("selu", fn(F.selu), x4(22)),
    Case("elu", fn(lambda x: F.elu(x, 0.5)), x4(23)),
    Case("relu6", fn(F.relu6), x4(24)),
    Case("hardtanh", fn(lambda x: F.hardtanh(x, -0.5, 0.8)), x4(25)),
    Case("softplus", fn(F.softplus), x4(26)),
    Case("softplus_beta", fn(lambda x: F.softplus(x * 4, beta=2.0, threshold=3.0)), x4(27), formats=("pt",),
         why="beta scales the input, threshold switches to the identity for beta*x > 3 (ONNX export drops threshold)"),
    Case("silu", fn(F.silu), x4(28)),
    Case("mish", fn(F.mish), x4(29)),
    Case("gelu", fn(F.gelu), x4(30)),
    Case("gelu_tanh", fn(lambda x: F.gelu(x, approximate="tanh")), x4(31)),
    Case("erf", fn(torch.erf), x4(32)),
    Case("rsqrt", fn(lambda x: torch.rsqrt(x.abs() + 0.1)), x4(33)),
    Case("reciprocal", fn(lambda x: torch.reciprocal(x + 5)), x4(34)),
    Case("trunc", fn(lambda x: torch.trunc(x * 3)), x4(35), formats=("pt",), why="no ONNX export in PyTorch 1.13"),
    Case("round", fn(lambda x: torch.round(x * 3)), x4(36)),
    Case("floor", fn(lambda x: torch.floor(x * 3)), x4(37)),
    Case("ceil", fn(lambda x: torch.ceil(x * 3)), x4(38)),
    Case("clamp_min", fn(lambda x: torch.clamp(x, min=-0.2)), x4(39)),
    Case("clamp_max", fn(lambda x: torch.clamp(x, max=0.3)), x4(40)),
    Case("clamp_tensor", fn(lambda x, y: torch.clamp(x, min=-y.abs(), max=y.abs() + 0.5)), two4(41),
         why="tensor bounds: Max / Min"),
    Case("maximum", fn(torch.maximum), two4(42)),
    Case("minimum", fn(torch.minimum), two4(43)),
    Case("where_gt_const", fn(lambda x: torch.where(x > 0.5, x, x * 0.1)), x4(44), layers=["Input", "Split", "Threshold", "Split", "BinaryOp", "BinaryOp", "BinaryOp", "BinaryOp", "BinaryOp"]),
    Case("where_lt_data", fn(lambda x, y: torch.where(x < y, x * 2, y)), two4(45)),
    Case("where_ge_scalar", fn(lambda x: torch.where(x >= 0.2, x, torch.zeros_like(x) - 1)), x4(46),
         why="x >= t negated once; the filled branch a number",
         layers=["Input", "Split", "BinaryOp", "Threshold", "Split", "BinaryOp", "BinaryOp", "BinaryOp", "BinaryOp"]),
    Case("where_le_ne", fn(lambda x, y: torch.where((x <= y) & (x != 0), x, y) + (x == y).float()), two4(47),
         why="le, ne, eq, logical and"),
    Case("masked_fill_data", fn(lambda x: x.masked_fill(x < -0.3, 2.0)), x4(48)),
    Case("frac", fn(lambda x: torch.frac(x * 3)), x4(49), formats=("pt",), why="no ONNX export in PyTorch 1.13"),
    Case("exp2", fn(torch.exp2), x4(50), formats=("pt",), why="no ONNX export in PyTorch 1.13"),
    Case("logit", fn(lambda x: torch.logit(torch.sigmoid(x * 4), eps=1e-2) + torch.logit(torch.sigmoid(x))),
         x4(51), formats=("pt",), why="no ONNX export in PyTorch 1.13; with and without eps"),
    Case("sgn_positive", fn(lambda x: torch.sgn(x) + torch.positive(x)), x4(52), formats=("pt",),
         why="no ONNX export in PyTorch 1.13"),
    Case("fmod", fn(lambda x, y: torch.fmod(x * 3, 0.7) + torch.fmod(x, y.abs() + 0.5)), two4(53)),
    Case("remainder", fn(lambda x, y: torch.remainder(x * 3, 0.7) + torch.remainder(x, y.abs() + 0.5)), two4(54)),
    # --- activation modules of torch.nn ---
    Case("nn_hardshrink", lambda: nn.Hardshrink(0.3), x2(60)),
    Case("nn_logsigmoid", nn.LogSigmoid, x2(61)),
    Case("nn_softmin", lambda: nn.Softmin(dim=1), x4(62), layers=["Input", "UnaryOp", "Softmax"]),
    Case("nn_prelu", lambda: nn.PReLU(4, init=0.1), x4(63), why="per-channel slopes", layers=["Input", "PReLU"]),
    Case("nn_prelu_1", nn.PReLU, x4(64), why="one slope"),
    Case("nn_rrelu", nn.RReLU, x4(65), why="eval: a leaky relu with the mean slope", layers=["Input", "ReLU"]),
    Case("nn_glu", nn.GLU, [rand(66, 1, 6, 8)], why="GLU over the last axis"),
    Case("nn_hardsigmoid", nn.Hardsigmoid, x4(67)),
    Case("nn_hardswish", nn.Hardswish, x4(68)),
    Case("nn_leakyrelu", lambda: nn.LeakyReLU(0.2), x4(69)),
    Case("nn_tanhshrink", nn.Tanhshrink, x2(70)),
    Case("nn_threshold", lambda: nn.Threshold(0.1, 20.0), x4(71), formats=("pt",),
         why="ONNX export refuses a non-zero threshold"),
    Case("nn_softmax2d", nn.Softmax2d, x4(72)),
    Case("nn_logsoftmax", lambda: nn.LogSoftmax(dim=1), x4(73)),
    Case("nn_softmax", lambda: nn.Softmax(dim=-1), x2(74)),
    Case("nn_relu", nn.ReLU, x4(75)),
    Case("nn_sigmoid", nn.Sigmoid, x4(76)),
    Case("nn_tanh", nn.Tanh, x4(77)),
    Case("nn_silu", nn.SiLU, x4(78)),
    Case("nn_mish", nn.Mish, x4(79)),
    Case("nn_celu", nn.CELU, x4(80)),
    Case("nn_elu", nn.ELU, x4(81)),
    Case("nn_selu", nn.SELU, x4(82)),
    Case("nn_gelu", nn.GELU, x4(83)),
    Case("nn_softplus", lambda: nn.Softplus(beta=0.5, threshold=10), x4(84)),
    Case("nn_softsign", nn.Softsign, x4(85)),
    Case("nn_hardtanh", nn.Hardtanh, x4(86)),
    Case("nn_relu6", nn.ReLU6, x4(87)),
    Case("nn_softshrink", nn.Softshrink, x4(88)),
]

if __name__ == "__main__":
    write_topic("unary", CASES)

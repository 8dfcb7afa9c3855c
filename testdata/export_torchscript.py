#!/usr/bin/python3
"""Save the small TorchScript test models under testdata/torchscript/.

Each model is a small nn.Module with random weights drawn after torch.manual_seed(seed) and saved
with torch.jit.save, traced (torch.jit.trace) unless noted; one is scripted (torch.jit.script) to
exercise the code that scripting emits (statically decidable ifs, helper functions, methods).
Conv/Linear weights are re-drawn with unit gain and BatchNorm statistics randomised, as in
export_models.py, so a wrong mapping shows in the numbers.

For each model NAME this writes torchscript/NAME.pt, NAME.input.npy (float32, batch axis
included) and NAME.expected.npy (float32 output of the saved module for that input), plus
index.json with each model's inputshape, output shape and what it covers.

Usage: /usr/bin/python3 testdata/export_torchscript.py [NAME ...]
With names, only those models are written and the other index.json entries are kept as they are
(the archives do not regenerate byte for byte, so unchanged models are best left alone).
"""
import contextlib
import json
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from export_models import ConvLayerNorm2d, EfficientPhysLike, LayerNormLast, Transformer, randomize_batchnorm

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.join(HERE, "torchscript")
MAX_MODEL_BYTES = 300 * 1024
MAX_TOTAL_BYTES = 2 * 1024 * 1024


def reinit_weights(module):
    """Unit-gain Conv/Linear weights and visible biases; random BatchNorm statistics."""
    for m in module.modules():
        if isinstance(m, (nn.modules.conv._ConvNd, nn.Linear)):
            nn.init.kaiming_uniform_(m.weight, a=1.0)
            if m.bias is not None:
                with torch.no_grad():
                    m.bias.copy_(torch.randn(m.bias.shape) * 0.2)
        if isinstance(m, nn.modules.batchnorm._BatchNorm):
            randomize_batchnorm(m)


class TinyCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.bn = nn.BatchNorm2d(8)
        self.pool = nn.MaxPool2d(2)
        self.conv2 = nn.Conv2d(8, 16, 3, stride=2, padding=1)
        self.fc = nn.Linear(16, 10)

    def forward(self, x):                              # [1,3,32,32]
        x = self.pool(F.relu(self.bn(self.conv(x))))   # [1,8,16,16]
        x = F.relu(self.conv2(x))                      # [1,16,8,8]
        x = F.adaptive_avg_pool2d(x, 1)                # [1,16,1,1]
        return self.fc(torch.flatten(x, 1))            # [1,10]


class SqueezeExcite(nn.Module):
    def __init__(self, c, r):
        super().__init__()
        self.fc1 = nn.Conv2d(c, r, 1)
        self.fc2 = nn.Conv2d(r, c, 1)

    def forward(self, x):
        s = F.adaptive_avg_pool2d(x, 1)
        s = torch.sigmoid(self.fc2(F.relu(self.fc1(s))))
        return x * s


class MobileBlock(nn.Module):
    """Inverted residual: expand 1x1, depthwise 3x3 + hardswish, SE, project 1x1, residual add."""

    def __init__(self):
        super().__init__()
        self.expand = nn.Sequential(nn.Conv2d(8, 24, 1, bias=False), nn.BatchNorm2d(24), nn.Hardswish())
        self.dw = nn.Sequential(nn.Conv2d(24, 24, 3, padding=1, groups=24, bias=False), nn.BatchNorm2d(24),
                                nn.Hardswish())
        self.se = SqueezeExcite(24, 8)
        self.project = nn.Sequential(nn.Conv2d(24, 8, 1, bias=False), nn.BatchNorm2d(8))

    def forward(self, x):                              # [1,8,16,16]
        return x + self.project(self.se(self.dw(self.expand(x))))


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.downsample = None
        if stride != 1 or cin != cout:
            self.downsample = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        identity = x if self.downsample is None else self.downsample(x)
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return F.relu(out + identity)


class ResNetBlocks(nn.Module):
    def __init__(self):
        super().__init__()
        self.layer1 = nn.Sequential(BasicBlock(8, 8, 1), BasicBlock(8, 16, 2))

    def forward(self, x):                              # [1,8,16,16]
        return self.layer1(x)                          # [1,16,8,8]


class TensorOps(nn.Module):
    """Shape glue: cat, chunk, permute, view, slice, upsample, pixel_shuffle."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(8, 16, 1)

    def forward(self, x):                              # [1,8,8,8]
        a, b = torch.chunk(self.conv(x), 2, dim=1)     # [1,8,8,8] x2
        y = torch.cat([a * b, a - b], 1)               # [1,16,8,8]
        y = F.pixel_shuffle(y, 2)                      # [1,4,16,16]
        y = F.interpolate(y, scale_factor=2, mode="nearest")                    # [1,4,32,32]
        z = F.interpolate(x, size=(16, 16), mode="bilinear", align_corners=False)  # [1,8,16,16]
        z = z.view(x.size(0), 2, 4, 16, 16).sum(1)     # [1,4,16,16]
        y = y[:, :, 8:24, :16] + z                     # [1,4,16,16]
        y = y.permute(0, 2, 3, 1).contiguous()         # [1,16,16,4]
        return y.reshape(1, 16, 64)                    # [1,16,64]


class LstmNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(16, 32, num_layers=2, batch_first=True)
        self.fc = nn.Linear(32, 8)

    def forward(self, x):                              # [1,10,16]
        y, _ = self.lstm(x)                            # [1,10,32]
        return self.fc(y)                              # [1,10,8]


class Scripted(nn.Module):
    """Saved with torch.jit.script: its code has statically decidable ifs and helper calls."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.bn = nn.BatchNorm2d(8)
        self.fc = nn.Linear(8, 5)

    def forward(self, x):                              # [1,3,16,16]
        y = F.relu(self.bn(self.conv(x)))
        y = y * 0.5 + F.silu(y)
        y = torch.flatten(F.adaptive_avg_pool2d(y, 1), 1)
        return torch.softmax(self.fc(y), dim=1)        # [1,5]


class Views(nn.Module):
    """Not a conversion test: buffers of several dtypes, and views sharing one storage (an offset
    row, a strided column, a transpose), for the archive reader's tests."""

    def __init__(self):
        super().__init__()
        base = torch.arange(12, dtype=torch.float32).reshape(3, 4)
        self.register_buffer("base", base)
        self.register_buffer("row", base[1])           # offset 4
        self.register_buffer("col", base[:, 2])        # offset 2, stride 4
        self.register_buffer("tr", base.t())           # strides (1, 4)
        self.register_buffer("i64", torch.tensor([-3, 5, 1 << 40], dtype=torch.int64))
        self.register_buffer("i32", torch.tensor([[1, -2], [3, -4]], dtype=torch.int32))
        self.register_buffer("f16", torch.tensor([1.5, -2.25], dtype=torch.float16))
        self.register_buffer("f64", torch.tensor([0.1], dtype=torch.float64))
        self.register_buffer("u8", torch.tensor([0, 200, 255], dtype=torch.uint8))
        self.register_buffer("flags", torch.tensor([True, False, True]))

    def forward(self, x):                              # [1,4]
        return x * self.row


class LayerNorms(nn.Module):
    """export_models' layernorm2d (hand-written channel LayerNorm2d between convs) and
    layernorm_last (nn.LayerNorm over the last axis) in one net: the 2-D output is viewed as
    [1,C,H*W] tokens for the second."""

    def __init__(self):
        super().__init__()
        self.ln2d = ConvLayerNorm2d()
        self.last = LayerNormLast()

    def forward(self, x):                              # [1,4,4,4]
        y = self.ln2d(x)                               # [1,8,4,4]
        return self.last(y.view(1, 8, 16))             # [1,8,16]


class SmallTransformer(Transformer):
    """export_models' Transformer at d_model 32: nn.TransformerEncoder, 2 layers, 4 heads, GELU,
    batch_first (traced, its attention runs sequence-first inside)."""

    def __init__(self):
        super().__init__(d_model=32)


class SmallEfficientPhys(EfficientPhysLike):
    """export_models' EfficientPhysLike at 18x18: frames in the batch axis, temporal shift by
    zeros + slice assignment on a 5-D view, sigmoid attention mask / (2 L1) * H * W, dense head."""

    def __init__(self):
        super().__init__(pool=2)


class FastPathAttention(nn.Module):
    """nn.MultiheadAttention + Linear traced under no_grad: torch records its fused
    aten::_native_multi_head_attention fast path instead of the separate ops."""

    def __init__(self):
        super().__init__()
        self.attn = nn.MultiheadAttention(32, 4, batch_first=True)
        self.fc = nn.Linear(32, 8)

    def forward(self, x):                              # [1,8,32]
        return self.fc(self.attn(x, x, x, need_weights=False)[0])


# traced under torch.no_grad(), as users often do: eval-mode attention then takes torch's fast path
TRACED_WITHOUT_GRAD = {"attention_fastpath"}


# name: (constructor, seed, input shape, scripted, what it covers)
MODELS = {
    "tiny_cnn": (TinyCnn, 1, [1, 3, 32, 32], False,
                 "_convolution, batch_norm, relu, max_pool2d, adaptive_avg_pool2d(1), flatten, linear"),
    "mobile_block": (MobileBlock, 2, [1, 8, 16, 16], False,
                     "grouped (depthwise) conv, hardswish, SE: adaptive_avg_pool2d, sigmoid, mul; residual add"),
    "resnet_block": (ResNetBlocks, 3, [1, 8, 16, 16], False,
                     "nested Sequential/getattr, strided conv, downsample branch, add, relu"),
    "tensor_ops": (TensorOps, 4, [1, 8, 8, 8], False,
                   "chunk, cat, pixel_shuffle, upsample_nearest2d (scales), upsample_bilinear2d (size), "
                   "size/view, sum(dim), slice, permute, contiguous, reshape"),
    "lstm": (LstmNet, 5, [1, 10, 16], False, "lstm (2 layers, batch_first), linear on 3-D input"),
    "scripted": (Scripted, 6, [1, 3, 16, 16], True,
                 "torch.jit.script code: if on constants, functional helpers, methods, conv2d, silu, softmax"),
    "views": (Views, 7, [1, 4], False, "archive reading: dtypes, views with offsets and strides on one storage"),
    "layernorm2d": (LayerNorms, 8, [1, 4, 4, 4], False,
                    "conv, hand-written channel LayerNorm2d (mean/var over dim 1, sqrt, div, weight view(1,C,1,1), "
                    "clone, bias [:,None,None]), conv 1x1; view to [1,C,HW], linear, layer_norm over the last axis"),
    "transformer": (SmallTransformer, 9, [1, 8, 32], False,
                    "nn.TransformerEncoder: 2 layers, d_model 32, 4 heads, dim_feedforward 32, GELU, batch_first; "
                    "traced attention runs sequence-first: transpose, linear, unflatten/chunk of the packed "
                    "projection, view/transpose to heads, bmm, softmax, bmm, out_proj, layer_norm"),
    "tsm": (SmallEfficientPhys, 10, [10, 3, 18, 18], False,
            "10 frames in the batch axis: conv stem, temporal shift (zeros_like + slice assignment on a 5-D "
            "view: copy_ into slices), sigmoid 1x1-conv attention mask normalised by its L1 norm over H,W, "
            "avg_pool2d, dense head per frame"),
    "attention_fastpath": (FastPathAttention, 11, [1, 8, 32], False,
                           "nn.MultiheadAttention(32, 4, batch_first) traced under no_grad: "
                           "aten::_native_multi_head_attention, then linear"),
}


def export(name, ctor, seed, shape, scripted):
    torch.manual_seed(seed)
    model = ctor()
    reinit_weights(model)
    model.eval()
    x = torch.from_numpy(np.random.default_rng(seed).standard_normal(shape).astype(np.float32))
    # no trace check: it re-runs the module under no_grad, where nn.TransformerEncoderLayer takes
    # its fused fast path (aten::_transformer_encoder_layer_fwd) and so traces another graph
    with torch.no_grad() if name in TRACED_WITHOUT_GRAD else contextlib.nullcontext():
        saved = torch.jit.script(model) if scripted else torch.jit.trace(model, x, check_trace=False)
    path = os.path.join(OUT_DIR, name + ".pt")
    saved.save(path)
    # the reference is what the saved file computes, reloaded as a user would load it
    with torch.no_grad():
        y = torch.jit.load(path)(x)
    np.save(os.path.join(OUT_DIR, name + ".input.npy"), np.ascontiguousarray(x.numpy()))
    np.save(os.path.join(OUT_DIR, name + ".expected.npy"), np.ascontiguousarray(y.numpy()))
    size = os.path.getsize(path)
    if size > MAX_MODEL_BYTES:
        raise SystemExit(f"{name}.pt is {size} bytes, over the {MAX_MODEL_BYTES} limit")
    return list(y.shape)


def main(names):
    unknown = [n for n in names if n not in MODELS]
    if unknown:
        raise SystemExit(f"no such model: {', '.join(unknown)}")
    os.makedirs(OUT_DIR, exist_ok=True)
    index_path = os.path.join(OUT_DIR, "index.json")
    index = {}
    if names:
        with open(index_path) as f:
            index = json.load(f)
    for name, (ctor, seed, shape, scripted, covers) in MODELS.items():
        if names and name not in names:
            continue
        out_shape = export(name, ctor, seed, shape, scripted)
        index[name] = {
            "file": name + ".pt",
            "seed": seed,
            "saved_with": "torch.jit.script" if scripted else "torch.jit.trace",
            "inputshape": "[" + ",".join(str(d) for d in shape) + "]",
            "output_shape": out_shape,
            "exercises": covers,
        }
    with open(index_path, "w") as f:
        json.dump(index, f, indent=2, sort_keys=True)
        f.write("\n")
    total = sum(os.path.getsize(os.path.join(OUT_DIR, f)) for f in os.listdir(OUT_DIR))
    if total > MAX_TOTAL_BYTES:
        raise SystemExit(f"testdata/torchscript is {total} bytes, over the {MAX_TOTAL_BYTES} limit")


if __name__ == "__main__":
    main(sys.argv[1:])

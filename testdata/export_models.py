#!/usr/bin/python3
"""Export the small ONNX test models under testdata/models/ (and the README sample).

Every model is a small nn.Module with random weights drawn after torch.manual_seed(seed), so the
outputs are reproducible bit for bit on the same PyTorch build. Conv/Linear weights are re-drawn
with unit gain so activations keep magnitude ~1 through the layers. BatchNorm running statistics and
affine parameters are randomised because the defaults (mean 0, var 1, weight 1, bias 0) make a
wrong BatchNorm fold invisible.

Models are exported with training=PRESERVE while in eval mode: the graph is the inference graph,
but the exporter keeps BatchNormalization nodes instead of folding them into the preceding Conv,
so the converter's own folding is exercised.

For each model NAME this writes models/NAME.onnx, NAME.input.npy (NAME.inputK.npy when there are
several inputs), NAME.expected.npy (NAME.expectedK.npy when there are several outputs), one
index.json describing all of them, and graphs.txt listing every exported node.

Usage: /usr/bin/python3 testdata/export_models.py
"""
import io
import json
import os
import shutil

import numpy as np
import onnx
from onnx import helper, numpy_helper
import torch
import torch.nn as nn
import torch.nn.functional as F

import export_dynamic

OPSET = 13   # default; a model spec may name its own as a sixth element
HERE = os.path.dirname(os.path.abspath(__file__))
MODELS_DIR = os.path.join(HERE, "models")
SAMPLE_DIR = os.path.join(HERE, "sample")
MAX_MODEL_BYTES = 300 * 1024


def reinit_weights(module):
    """Unit-gain init for Conv/Linear weights (PyTorch's default shrinks activations ~3x per layer,
    which would leave tiny outputs that a loose tolerance cannot tell apart) and visible biases."""
    for m in module.modules():
        if isinstance(m, (nn.modules.conv._ConvNd, nn.Linear)):
            nn.init.kaiming_uniform_(m.weight, a=1.0)
            if m.bias is not None:
                with torch.no_grad():
                    m.bias.copy_(torch.randn(m.bias.shape) * 0.2)


def randomize_batchnorm(module):
    """Give every BatchNorm non-trivial running stats and affine parameters."""
    for m in module.modules():
        if isinstance(m, nn.modules.batchnorm._BatchNorm):
            n = m.num_features
            with torch.no_grad():
                m.running_mean.copy_(torch.randn(n) * 0.5)
                m.running_var.copy_(torch.rand(n) * 1.5 + 0.5)
                m.weight.copy_(torch.rand(n) + 0.5)
                m.bias.copy_(torch.randn(n) * 0.3)


# ---------------------------------------------------------------------------------------------
# Models
# ---------------------------------------------------------------------------------------------

class TinyCnn(nn.Module):
    """The README sample: a complete little classifier."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(8)
        self.pool1 = nn.MaxPool2d(2)
        self.conv2 = nn.Conv2d(8, 16, 3, stride=2, padding=1)
        self.pool2 = nn.AvgPool2d(2)
        self.fc = nn.Linear(16 * 4 * 4, 10)

    def forward(self, x):
        x = F.relu(self.bn1(self.conv1(x)))   # [1,8,32,32]
        x = self.pool1(x)                     # [1,8,16,16]
        x = F.relu(self.conv2(x))             # [1,16,8,8]
        x = self.pool2(x)                     # [1,16,4,4]
        x = torch.flatten(x, 1)               # [1,256]
        return self.fc(x)                     # [1,10]


class Convs(nn.Module):
    """Convolution variants chained one after another."""

    def __init__(self):
        super().__init__()
        self.grouped = nn.Conv2d(8, 16, 3, padding=1, groups=4)
        self.depthwise = nn.Conv2d(16, 16, 3, padding=1, groups=16)
        self.dilated = nn.Conv2d(16, 16, 3, padding=2, dilation=2)
        self.no_bias = nn.Conv2d(16, 8, 1, bias=False)
        self.rect = nn.Conv2d(8, 8, (3, 5), stride=(2, 1), padding=(1, 2))
        self.deconv = nn.ConvTranspose2d(8, 4, 3, stride=2, padding=1, output_padding=1)
        self.deconv_grouped = nn.ConvTranspose2d(4, 4, 4, stride=2, padding=1, groups=2, bias=False)

    def forward(self, x):                     # [1,8,16,16]
        x = F.relu(self.grouped(x))           # [1,16,16,16]
        x = F.relu(self.depthwise(x))         # [1,16,16,16]
        x = self.dilated(x)                   # [1,16,16,16]
        x = self.no_bias(x)                   # [1,8,16,16]
        x = self.rect(x)                      # [1,8,8,16]
        x = self.deconv(x)                    # [1,4,16,32]
        return self.deconv_grouped(x)         # [1,4,32,64]


class Conv1dNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv1d(8, 16, 3, padding=1)
        self.bn = nn.BatchNorm1d(16)
        self.c2 = nn.Conv1d(16, 16, 5, stride=2, padding=2, groups=4)
        self.c3 = nn.Conv1d(16, 8, 3, padding=2, dilation=2, bias=False)
        self.pool = nn.MaxPool1d(2)

    def forward(self, x):                     # [1,8,32]
        x = F.relu(self.bn(self.c1(x)))       # [1,16,32]
        x = self.c2(x)                        # [1,16,16]
        x = self.c3(x)                        # [1,8,16]
        return self.pool(x)                   # [1,8,8]


class Pools(nn.Module):
    """Odd input size (15x15) so that ceil_mode and padding choices change the result."""

    def __init__(self):
        super().__init__()
        self.max_ceil = nn.MaxPool2d(3, 2, ceil_mode=True)
        self.avg_excl = nn.AvgPool2d(3, 2, padding=1, count_include_pad=False)
        self.avg_incl = nn.AvgPool2d(3, 2, padding=1, count_include_pad=True)
        self.max_pad = nn.MaxPool2d((2, 3), stride=(2, 1), padding=(1, 1))

    def forward(self, x):                     # [1,4,15,15]
        return (self.max_ceil(x),             # [1,4,7,7]
                self.avg_excl(x),             # [1,4,8,8]
                self.avg_incl(x),             # [1,4,8,8]
                self.max_pad(x),              # [1,4,8,15]
                F.adaptive_avg_pool2d(x, 1),  # [1,4,1,1]
                F.adaptive_max_pool2d(x, 1))  # [1,4,1,1]


class Activations(nn.Module):
    """Each activation applied to the same input; results concatenated on channels, 8 each."""

    def __init__(self):
        super().__init__()
        self.prelu = nn.PReLU(8, init=0.1)
        with torch.no_grad():
            self.prelu.weight.copy_(torch.rand(8) * 0.5)

    def forward(self, x):                     # [1,8,16,16], input scaled x3
        ys = [F.relu(x), F.relu6(x), F.leaky_relu(x, 0.1), self.prelu(x), torch.sigmoid(x),
              torch.tanh(x), F.elu(x), F.hardsigmoid(x), F.hardswish(x), F.silu(x), F.mish(x),
              F.softmax(x, dim=1)]
        return torch.cat(ys, 1)               # [1,96,16,16]


class GeluErf(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(4, 8, 1)

    def forward(self, x):                     # [1,4,16,16]
        return F.gelu(self.conv(x))           # exact (erf) form


class Elementwise(nn.Module):
    """Unary and binary arithmetic; results concatenated on channels, 8 each."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(8, 8, 1)
        self.register_buffer("scale", torch.rand(8, 1, 1) + 0.5)
        self.register_buffer("shift", torch.randn(8, 1, 1))

    def forward(self, x):                     # [1,8,16,16]
        a = x
        b = self.conv(x)
        mean = b.mean((2, 3), keepdim=True)   # [1,8,1,1] activation
        cmax = b.amax(1, keepdim=True)        # [1,1,16,16] activation
        ys = [a + b, a - b, a * b, a / (b * b + 1),
              a + 1.5, 2 - a, a * 3, a / 4, 1 / (a.abs() + 1),
              a * self.scale + self.shift, self.shift - a, a / self.scale,
              torch.pow(a, 2), torch.sqrt(a.abs()), torch.exp(a), torch.log(a.abs() + 1),
              -a, torch.reciprocal(b.abs() + 0.5),
              torch.maximum(a, b), torch.minimum(a, b),
              a + mean, a * torch.sigmoid(mean), a - cmax]
        return torch.cat(ys, 1)               # [1,184,16,16]


class BinaryBroadcast(nn.Module):
    """Two graph inputs, the second broadcast over height and width."""

    def forward(self, x, s):                  # [1,8,16,16], [1,8,1,1]
        return torch.cat([x * s + x, s - x, x / (s.abs() + 1)], 1)   # [1,24,16,16]


class Reshapes(nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer("nhwc_scale", torch.rand(4) + 0.5)

    def forward(self, x):                     # [1,4,8,8]
        nhwc = x.permute(0, 2, 3, 1) * self.nhwc_scale            # [1,8,8,4], scale on last axis
        back = nhwc.permute(0, 3, 1, 2)                           # [1,4,8,8]
        tr = x.transpose(2, 3)                                    # [1,4,8,8]
        flat = torch.flatten(back + tr, 1)                        # [1,256]
        rows = x.view(1, 4, 64).transpose(1, 2)                   # [1,64,4]
        regroup = x.reshape(1, 16, 4, 4)                          # [1,16,4,4]
        sq = (x.unsqueeze(2) * 2).squeeze(2)                      # via [1,4,1,8,8]
        return flat, rows, regroup, sq


class ConcatSlice(nn.Module):
    def forward(self, x):                     # [1,6,8,8]
        ch = torch.cat([x, x * 2], 1)                             # [1,12,8,8]
        wd = torch.cat([x, -x], 3)                                # [1,6,8,16]
        c0, c1, c2 = torch.chunk(x, 3, 1)                         # 3 x [1,2,8,8]
        s0, s1 = torch.split(x, [2, 4], 1)                        # [1,2,8,8], [1,4,8,8]
        sl = x[:, :, 1:5, 2:]                                     # [1,6,4,6]
        return ch, wd, c0 + c2, c1 * s0, s1, sl


class Reductions(nn.Module):
    def forward(self, x):                     # [1,8,6,10]
        return (x.mean((2, 3), keepdim=True),  # [1,8,1,1]
                x.sum(1),                      # [1,6,10]
                x.amax(-1),                    # [1,8,6]
                x.mean(1, keepdim=True))       # [1,1,6,10]


class Pads(nn.Module):
    def forward(self, x):                     # [1,4,8,8]
        return (F.pad(x, (1, 2, 0, 3), value=0.5),       # [1,4,11,11]
                F.pad(x, (2, 1, 1, 2), mode="reflect"),   # [1,4,11,11]
                F.pad(x, (1, 1, 2, 0), mode="replicate"))  # [1,4,10,10]


class Upsample(nn.Module):
    def forward(self, x):                     # [1,4,8,8]
        return (F.interpolate(x, scale_factor=2, mode="nearest"),
                F.interpolate(x, scale_factor=2, mode="bilinear", align_corners=False),
                F.interpolate(x, scale_factor=2, mode="bilinear", align_corners=True))


class MatMuls(nn.Module):
    def __init__(self):
        super().__init__()
        self.proj = nn.Linear(16, 24)
        self.fc = nn.Linear(24, 10)

    def forward(self, x):                     # [1,12,16] (tokens x features)
        t = self.proj(x)                      # MatMul + Add: [1,12,24]
        att = torch.matmul(t, t.transpose(1, 2))                  # [1,12,12]
        pooled = t.mean(1)                    # [1,24]
        return t, att, self.fc(pooled)        # Gemm: [1,10]


class ExtDataNet(nn.Module):
    """Saved with all initializers in an external data file."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.bn = nn.BatchNorm2d(8)
        self.fc = nn.Linear(8, 5)

    def forward(self, x):                     # [1,3,16,16]
        x = F.relu(self.bn(self.conv(x)))
        x = F.adaptive_avg_pool2d(x, 1).flatten(1)
        return self.fc(x)                     # [1,5]


class LayerNorm2d(nn.Module):
    """Channel LayerNorm over NCHW as ConvNeXt-style code writes it by hand."""

    def __init__(self, channels, eps=1e-6):
        super().__init__()
        self.weight = nn.Parameter(torch.rand(channels) + 0.5)
        self.bias = nn.Parameter(torch.randn(channels) * 0.3)
        self.eps = eps

    def forward(self, x):
        u = x.mean(1, keepdim=True)
        s = (x - u).pow(2).mean(1, keepdim=True)
        x = (x - u) / torch.sqrt(s + self.eps)
        return self.weight.view(1, -1, 1, 1) * x.clone() + self.bias[:, None, None]


class ConvLayerNorm2d(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(4, 8, 3, padding=1)
        self.norm = LayerNorm2d(8)
        self.conv2 = nn.Conv2d(8, 8, 1)

    def forward(self, x):                     # [1,4,8,8]
        return self.conv2(self.norm(self.conv1(x)))


class LayerNormLast(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(16, 16)
        self.norm = nn.LayerNorm(16)
        with torch.no_grad():
            self.norm.weight.copy_(torch.rand(16) + 0.5)
            self.norm.bias.copy_(torch.randn(16) * 0.3)

    def forward(self, x):                     # [1,8,16]
        return self.norm(self.fc(x))


class Lstm2(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(32, 64, num_layers=2, batch_first=True)
        self.fc = nn.Linear(64, 8)

    def forward(self, x):                     # [1,10,32]
        return self.fc(self.lstm(x)[0])       # [1,10,8]


class BiLstm(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(16, 32, bidirectional=True, batch_first=True)
        self.fc = nn.Linear(64, 8)

    def forward(self, x):                     # [1,12,16]
        return self.fc(self.lstm(x)[0])       # [1,12,8]


class Gru(nn.Module):
    def __init__(self):
        super().__init__()
        self.gru = nn.GRU(16, 32, batch_first=True)
        self.fc = nn.Linear(32, 8)

    def forward(self, x):                     # [1,12,16]
        y, h = self.gru(x)
        return self.fc(y), h                  # [1,12,8], [1,1,32]


class Rnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.RNN(16, 24, num_layers=2, batch_first=True)
        self.fc = nn.Linear(24, 8)

    def forward(self, x):                     # [1,12,16]
        return self.fc(self.rnn(x)[0])        # [1,12,8]


class GrabBag(nn.Module):
    """Ops common in real networks that the other models leave out; one output each."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(8, 16, 1)
        self.prelu = nn.PReLU(8)
        with torch.no_grad():
            self.prelu.weight.copy_(torch.rand(8) * 0.5)

    def forward(self, x):                     # [1,8,8,8]
        ps = F.pixel_shuffle(self.conv(x), 2)                                   # [1,4,16,16]
        up = F.interpolate(x, size=(12, 20), mode="bilinear", align_corners=False)
        shuffled = x.view(1, 2, 4, 8, 8).transpose(1, 2).reshape(1, 8, 8, 8)    # channel shuffle
        a, b = torch.chunk(x, 2, 1)
        c, d = torch.split(x, [3, 5], 1)
        acts = torch.cat([F.mish(a), self.prelu(x)[:, :4], F.elu(b), F.relu6(c), F.hardswish(d)], 1)
        att = torch.matmul(x, x.transpose(2, 3))                                # [1,8,8,8]
        return ps, up, shuffled, acts, att


def temporal_shift(x, frames, fold_div=3):
    """TSM as EfficientPhys writes it: frames stacked in the batch axis, a third of the channels
    shifted one frame back, a third one frame forward, through zeros and slice assignment."""
    nt, c, h, w = x.size()
    x = x.view(nt // frames, frames, c, h, w)
    fold = c // fold_div
    out = torch.zeros_like(x)
    out[:, :-1, :fold] = x[:, 1:, :fold]
    out[:, 1:, fold:2 * fold] = x[:, :-1, fold:2 * fold]
    out[:, :, 2 * fold:] = x[:, :, 2 * fold:]
    return out.view(nt, c, h, w)


class EfficientPhysLike(nn.Module):
    """EfficientPhys in miniature: the T frames of a clip travel in the batch axis."""

    FRAMES = 10

    def __init__(self, pool=4):
        """pool: the AvgPool2d that brings the frames to 9x9 (4 for 36x36 frames)."""
        super().__init__()
        self.stem = nn.Conv2d(3, 6, 3, padding=1)
        self.conv = nn.Conv2d(6, 6, 3, padding=1)
        self.att = nn.Conv2d(6, 1, 1)
        self.pool = nn.AvgPool2d(pool)
        self.fc1 = nn.Linear(6 * 9 * 9, 16)
        self.fc2 = nn.Linear(16, 1)

    def forward(self, x):                     # [10,3,36,36]
        x = torch.tanh(self.stem(x))
        x = torch.tanh(self.conv(temporal_shift(x, self.FRAMES)))
        mask = torch.sigmoid(self.att(x))
        h, w = mask.shape[2], mask.shape[3]
        mask = mask / (2 * torch.norm(mask, p=1, dim=(2, 3), keepdim=True)) * h * w
        x = self.pool(x * mask)               # [10,6,9,9]
        x = torch.tanh(self.fc1(x.flatten(1)))
        return self.fc2(x)                    # [10,1]


class Transformer(nn.Module):
    """nn.TransformerEncoder: 2 layers, d_model 128, 4 heads, GELU, batch_first."""

    def __init__(self, d_model=128):
        super().__init__()
        layer = nn.TransformerEncoderLayer(d_model, 4, dim_feedforward=d_model, dropout=0.0, activation="gelu",
                                           batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, 2, enable_nested_tensor=False)

    def forward(self, x):                     # [1,16,128]
        return self.encoder(x)


class BiasAdds(nn.Module):
    """Constants added after a Conv and a Linear, which FuseAddIntoBias folds into their biases."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(4, 8, 3, padding=1, bias=False)
        self.offset = nn.Parameter(torch.linspace(-1, 1, 8).reshape(8, 1, 1))
        self.deconv = nn.ConvTranspose2d(8, 4, 2, stride=2)
        self.fc = nn.Linear(4 * 16 * 16, 10)

    def forward(self, x):                     # [1,4,8,8]
        y = torch.relu(self.conv(x) + self.offset)
        y = self.deconv(y) + 0.25
        return self.fc(y.flatten(1)) - 0.5    # [1,10]


class MaskedAttention(nn.Module):
    """Single-head causal self-attention written by hand: scores.masked_fill(causal mask, -inf)."""

    def __init__(self):
        super().__init__()
        self.qkv = nn.Linear(16, 48)
        self.register_buffer("mask", torch.triu(torch.ones(8, 8, dtype=torch.bool), diagonal=1))

    def forward(self, x):                     # [1,8,16]
        q, k, v = self.qkv(x).chunk(3, dim=-1)
        scores = (q @ k.transpose(1, 2)) / 4.0
        scores = scores.masked_fill(self.mask, float("-inf"))
        return torch.softmax(scores, dim=-1) @ v


class CausalTransformer(nn.Module):
    """One batch_first TransformerEncoderLayer given a constant causal mask (-inf above the diagonal)."""

    def __init__(self):
        super().__init__()
        layer = nn.TransformerEncoderLayer(32, 4, dim_feedforward=64, dropout=0.0, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, 1, enable_nested_tensor=False)
        self.register_buffer("mask", torch.triu(torch.full((8, 8), float("-inf")), diagonal=1))

    def forward(self, x):                     # [1,8,32]
        return self.encoder(x, mask=self.mask)


class MhaSeqFirst(nn.Module):
    """nn.MultiheadAttention with batch_first=False: tokens [L,1,E], the sequence on axis 0."""

    def __init__(self):
        super().__init__()
        self.attn = nn.MultiheadAttention(32, 4)
        self.fc = nn.Linear(32, 16)

    def forward(self, x):                     # [8,1,32]
        return self.fc(self.attn(x, x, x, need_weights=False)[0] + x)


class Norms(nn.Module):
    """GroupNorm and InstanceNorm with non-trivial affine parameters, then repeat / expand / cumsum."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.gn = nn.GroupNorm(4, 8)
        self.inorm = nn.InstanceNorm2d(8, affine=True)
        self.inorm1d = nn.InstanceNorm1d(8, affine=True)
        with torch.no_grad():
            for m in (self.gn, self.inorm, self.inorm1d):
                m.weight.copy_(torch.rand(8) + 0.5)
                m.bias.copy_(torch.randn(8) * 0.3)

    def forward(self, x):                     # [1,3,6,5]
        y = self.inorm(self.gn(self.conv(x)))
        return (y.repeat(1, 1, 2, 1),                                  # [1,8,12,5]
                y.mean((2, 3), keepdim=True).expand(1, 8, 6, 5),       # [1,8,6,5]
                torch.cumsum(y, dim=3),                                # [1,8,6,5]
                self.inorm1d(y.flatten(2)))                            # [1,8,30]


def small_vit():
    import torchvision
    return torchvision.models.VisionTransformer(image_size=32, patch_size=8, num_layers=4, num_heads=4,
                                                hidden_dim=64, mlp_dim=128, num_classes=10)


# name, module class, input shapes, input scale, what it is meant to exercise[, options]
# options: opset, dynamic_batch, max_bytes, seed (the seed its committed files were made with),
# seed_of (a re-export of another model, with its weights)
MODELS = [
    ("tiny_cnn", TinyCnn, [[1, 3, 32, 32]], 1.0,
     "README sample: Conv+BatchNorm+Relu, MaxPool, Conv stride 2, AvgPool2d (exported as zero "
     "Pad + AveragePool), Flatten, Gemm"),
    ("convs", Convs, [[1, 8, 16, 16]], 1.0,
     "grouped conv (g=4), depthwise conv, dilated conv (d=2), conv without bias, rectangular "
     "kernel 3x5 with stride (2,1), ConvTranspose stride 2 output_padding 1, grouped ConvTranspose "
     "without bias"),
    ("conv1d", Conv1dNet, [[1, 8, 32]], 1.0,
     "Conv1d, BatchNorm1d, grouped strided Conv1d, dilated Conv1d without bias, MaxPool1d"),
    ("pools", Pools, [[1, 4, 15, 15]], 1.0,
     "outputs: MaxPool 3/2 ceil_mode; AvgPool 3/2 pad 1 count_include_pad=False; AvgPool 3/2 pad 1 "
     "count_include_pad=True (exported as Pad+AveragePool); MaxPool (2,3)/(2,1) pad 1; "
     "AdaptiveAvgPool2d(1) (GlobalAveragePool); AdaptiveMaxPool2d(1) (MaxPool with full kernel)"),
    ("activations", Activations, [[1, 8, 16, 16]], 3.0,
     "output channels in blocks of 8: relu, relu6 (Relu+Clip), leaky_relu 0.1, PReLU per-channel, "
     "sigmoid, tanh, elu, hardsigmoid, hardswish (HardSigmoid+Mul), silu (Sigmoid+Mul), "
     "mish (Softplus+Tanh+Mul), softmax over channels"),
    ("gelu_erf", GeluErf, [[1, 4, 16, 16]], 2.0,
     "Conv 1x1 then exact GELU exported as Div, Erf, Add, Mul, Mul (needs fusion)"),
    ("elementwise", Elementwise, [[1, 8, 16, 16]], 1.0,
     "output channels in blocks of 8: a+b, a-b, a*b, a/(b*b+1), a+1.5, 2-a, a*3, a/4, 1/(|a|+1), "
     "a*scale[C,1,1]+shift[C,1,1], shift-a, a/scale, a^2, sqrt|a|, exp a, log(|a|+1), -a, "
     "reciprocal(|b|+0.5), max(a,b), min(a,b), a+mean_hw(b) [1,C,1,1], a*sigmoid(mean_hw(b)), "
     "a-amax_c(b) [1,1,H,W]"),
    ("binary_broadcast", BinaryBroadcast, [[1, 8, 16, 16], [1, 8, 1, 1]], 1.0,
     "two graph inputs; [1,C,H,W] op [1,C,1,1]: x*s+x, s-x, x/(|s|+1), concatenated on channels"),
    ("reshapes", Reshapes, [[1, 4, 8, 8]], 1.0,
     "permute to NHWC, scale on last axis, permute back; transpose(2,3); flatten; view+transpose "
     "to [1,64,4]; reshape to [1,16,4,4]; unsqueeze to 5-D and squeeze back"),
    ("concat_slice", ConcatSlice, [[1, 6, 8, 8]], 1.0,
     "cat on channels and on width, chunk into 3 (dynamic Shape/Gather/Slice form), split [2,4], "
     "slice x[:, :, 1:5, 2:]"),
    ("reductions", Reductions, [[1, 8, 6, 10]], 1.0,
     "mean over (2,3) keepdim, sum over channels, amax over last axis, mean over channels keepdim"),
    ("pads", Pads, [[1, 4, 8, 8]], 1.0,
     "F.pad constant 0.5, reflect and replicate (edge), asymmetric amounts; pads come as a "
     "ConstantOfShape/Concat/Reshape/Slice/Transpose/Cast subgraph"),
    ("upsample", Upsample, [[1, 4, 8, 8]], 1.0,
     "Resize x2: nearest (asymmetric, floor), bilinear half_pixel, bilinear align_corners"),
    ("matmul", MatMuls, [[1, 12, 16]], 1.0,
     "Linear on [1,T,K] (MatMul with constant [K,N] + Add), MatMul of two activations "
     "(t @ t^T), ReduceMean over tokens, Linear on 2-D (Gemm)"),
    ("layernorm2d_op13", ConvLayerNorm2d, [[1, 4, 8, 8]], 1.0,
     "Conv, hand-written LayerNorm2d over channels (ReduceMean/Sub/Pow/ReduceMean/Add/Sqrt/Div, "
     "weight view(1,C,1,1), clone, bias [:,None,None]), Conv 1x1", {"seed": 16}),
    ("layernorm2d_op17", ConvLayerNorm2d, [[1, 4, 8, 8]], 1.0,
     "layernorm2d_op13 at opset 17 (still decomposed: the module is hand-written)", {"opset": 17, "seed": 17}),
    ("layernorm_last_op13", LayerNormLast, [[1, 8, 16]], 1.0,
     "Linear then nn.LayerNorm over the last axis of [1,T,C], decomposed at opset 13", {"seed": 18}),
    ("layernorm_last_op17", LayerNormLast, [[1, 8, 16]], 1.0,
     "Linear then nn.LayerNorm over the last axis: one LayerNormalization op at opset 17", {"opset": 17, "seed": 19}),
    ("lstm2", Lstm2, [[1, 10, 32]], 1.0,
     "2-layer batch_first nn.LSTM(32,64) + Linear: Transpose, LSTM, Squeeze, LSTM, Squeeze, "
     "Transpose, MatMul, Add; zero initial states as Expand of constants", {"seed": 20}),
    ("bilstm", BiLstm, [[1, 12, 16]], 1.0,
     "bidirectional batch_first nn.LSTM(16,32) + Linear: LSTM output Transpose(0,2,1,3) and "
     "Reshape to [T,1,64]", {"seed": 21}),
    ("gru", Gru, [[1, 12, 16]], 1.0,
     "batch_first nn.GRU(16,32) (linear_before_reset=1) + Linear; second output is h_n [1,1,32]", {"seed": 22}),
    ("rnn", Rnn, [[1, 12, 16]], 1.0,
     "2-layer batch_first tanh nn.RNN(16,24) + Linear", {"seed": 23}),
    ("grab_bag", GrabBag, [[1, 8, 8, 8]], 1.0,
     "outputs: PixelShuffle 2 after a 1x1 Conv; bilinear resize to 12x20; channel shuffle "
     "(view 5-D / transpose / reshape); mish, PReLU, elu, relu6, hardswish on chunk / split pieces; "
     "matmul of two activations", {"seed": 15}),
    ("efficientphys", EfficientPhysLike, [[10, 3, 36, 36]], 1.0,
     "10 frames in the batch axis: conv stem, temporal shift (zeros + slice assignment on a 5-D "
     "view, ScatterND), sigmoid 1x1-conv attention mask normalised by its L1 norm over H,W, "
     "AvgPool, dense head per frame; the folded zeros make the file large",
     {"max_bytes": 512 * 1024, "seed": 16}),
    ("efficientphys_dyn", EfficientPhysLike, [[10, 3, 36, 36]], 1.0,
     "efficientphys exported at opset 11 with a dynamic batch axis (convert with "
     "inputshape=[10,3,36,36])", {"opset": 11, "dynamic_batch": True, "seed_of": "efficientphys"}),
    ("transformer_op13", Transformer, [[1, 16, 128]], 1.0,
     "nn.TransformerEncoder, 2 layers, d_model 128, 4 heads, dim_feedforward 128, GELU, "
     "batch_first; LayerNormalization is decomposed at opset 13", {"max_bytes": 1024 * 1024, "seed": 18}),
    ("transformer_op14", Transformer, [[1, 16, 128]], 1.0,
     "transformer_op13 exported at opset 14", {"opset": 14, "max_bytes": 1024 * 1024,
                                                "seed_of": "transformer_op13"}),
    ("bias_adds", BiasAdds, [[1, 4, 8, 8]], 1.0,
     "Conv without bias + per-channel constant [8,1,1], ConvTranspose + scalar, Gemm - scalar: each "
     "Add/Sub folds into the layer's bias", {"seed": 25}),
    ("masked_attention", MaskedAttention, [[1, 8, 16]], 1.0,
     "hand-written causal attention: chunk of a Linear, q @ k^T, masked_fill(constant bool mask, "
     "-inf) (Where with a constant condition), softmax, @ v", {"seed": 26}),
    ("transformer_causal", CausalTransformer, [[1, 8, 32]], 1.0,
     "TransformerEncoderLayer(32, 4, ffn 64, ReLU) with a constant causal float mask: the scores get "
     "Mul(1) and Add(mask) before the Softmax", {"opset": 14, "seed": 27}),
    ("mha_seqfirst", MhaSeqFirst, [[8, 1, 32]], 1.0,
     "sequence-first nn.MultiheadAttention(32, 4) + residual + Linear: the batch of 1 is axis 1, so "
     "the tokens keep axis 0 in ncnn ([8,1,32] is c,h,w)", {"seed": 24}),
    ("vit", small_vit, [[1, 3, 32, 32]], 1.0,
     "torchvision VisionTransformer, image 32, patch 8, 4 layers, 4 heads, hidden 64, mlp 128 "
     "(smaller than ViT-B so the file stays small)", {"max_bytes": 1024 * 1024, "seed": 20}),
    ("norms", Norms, [[1, 3, 6, 5]], 1.0,
     "outputs: Conv, nn.GroupNorm(4, 8) (Reshape / InstanceNormalization / Reshape / Mul / Add at "
     "opset 13, needs fusion), InstanceNorm2d affine, then x.repeat(1,1,2,1) (Tile), mean expanded "
     "to [1,8,6,5] (Expand), cumsum over W (CumSum); InstanceNorm1d affine on [1,8,30]", {"seed": 30}),
]


EXT_SEED = 15   # fixed when it was the model after the first 14, so its files stay the same
EXT_MODEL = ("ext", ExtDataNet, [[1, 3, 16, 16]], 1.0,
             "initializers in external data file ext.onnx.data (size_threshold=0)")


# ---------------------------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------------------------

def shape_string(shape):
    return "[" + ",".join(str(d) for d in shape) + "]"


def numbered(prefix, count, index):
    """'input' for a single tensor, 'input0', 'input1', ... when there are several."""
    return prefix if count == 1 else f"{prefix}{index}"


def build(seed, cls, input_shapes, input_scale):
    torch.manual_seed(seed)
    model = cls()
    reinit_weights(model)
    randomize_batchnorm(model)
    model.eval()
    rng = np.random.default_rng(seed)
    inputs = [(rng.standard_normal(s) * input_scale).astype(np.float32) for s in input_shapes]
    return model, inputs


def export_onnx(model, inputs, n_outputs, opset=OPSET, dynamic_batch=False):
    buf = io.BytesIO()
    args = tuple(torch.from_numpy(a) for a in inputs)
    input_names = [f"in{i}" for i in range(len(inputs))]
    output_names = [f"out{i}" for i in range(n_outputs)]
    dynamic_axes = {n: {0: "batch"} for n in input_names + output_names} if dynamic_batch else None
    torch.onnx.export(model, args, buf, opset_version=opset, do_constant_folding=True,
                      export_params=True, training=torch.onnx.TrainingMode.PRESERVE,
                      input_names=input_names, output_names=output_names, dynamic_axes=dynamic_axes)
    proto = onnx.load_from_string(buf.getvalue())
    onnx.checker.check_model(proto)
    return proto


def run_torch(model, inputs):
    with torch.no_grad():
        out = model(*(torch.from_numpy(a) for a in inputs))
    outs = list(out) if isinstance(out, (tuple, list)) else [out]
    return [o.numpy().astype(np.float32) for o in outs]


def op_types(proto):
    return sorted({n.op_type for n in proto.graph.node})


def export_one(seed, spec, out_dir, descriptions, external_data=False):
    name, cls, input_shapes, input_scale, exercises = spec[:5]
    options = spec[5] if len(spec) > 5 else {}
    model, inputs = build(seed, cls, input_shapes, input_scale)
    outputs = run_torch(model, inputs)
    opset = options.get("opset", OPSET)
    proto = export_onnx(model, inputs, len(outputs), opset, options.get("dynamic_batch", False))
    descriptions.append(describe_graph(name, proto))   # before saving: external data moves tensors
    os.makedirs(out_dir, exist_ok=True)
    onnx_path = os.path.join(out_dir, name + ".onnx")
    if external_data:
        data_path = os.path.join(out_dir, name + ".onnx.data")
        if os.path.exists(data_path):
            os.remove(data_path)   # onnx appends to an existing data file
        onnx.save_model(proto, onnx_path, save_as_external_data=True,
                        all_tensors_to_one_file=True, location=name + ".onnx.data",
                        size_threshold=0)
    else:
        onnx.save_model(proto, onnx_path)
    size = os.path.getsize(onnx_path)
    assert size < options.get("max_bytes", MAX_MODEL_BYTES), f"{name}.onnx is {size} bytes"

    input_entries = []
    for i, a in enumerate(inputs):
        fname = f"{name}.{numbered('input', len(inputs), i)}.npy"
        np.save(os.path.join(out_dir, fname), np.ascontiguousarray(a))
        input_entries.append({"name": f"in{i}", "shape": shape_string(a.shape), "file": fname})
    output_entries = []
    for i, o in enumerate(outputs):
        fname = f"{name}.{numbered('expected', len(outputs), i)}.npy"
        np.save(os.path.join(out_dir, fname), np.ascontiguousarray(o))
        output_entries.append({"name": f"out{i}", "shape": shape_string(o.shape), "file": fname})

    rel_dir = os.path.relpath(out_dir, MODELS_DIR)
    prefix = "" if rel_dir == "." else rel_dir + "/"
    return {
        "name": name,
        "onnx": prefix + name + ".onnx",
        "external_data": prefix + name + ".onnx.data" if external_data else None,
        "seed": seed,
        "opset": opset,
        "inputshape": ",".join(e["shape"] for e in input_entries),
        "inputs": [dict(e, file=prefix + e["file"]) for e in input_entries],
        "outputs": [dict(e, file=prefix + e["file"]) for e in output_entries],
        "onnx_ops": op_types(proto),
        "exercises": exercises,
    }


def describe_value(name, consts):
    """Small constants inline (integer ones up to 8 values, float ones up to 4), larger ones by
    shape, activations by name."""
    if name not in consts:
        return name
    a = consts[name]
    inline = a.size <= (8 if a.dtype.kind in "iu" else 4)
    return "const " + (str(a.tolist()) if inline else f"<{list(a.shape)} {a.dtype}>")


def describe_graph(name, proto):
    """One line per non-Constant node with its attributes: a readable view of what was exported."""
    g = proto.graph
    consts = {i.name: numpy_helper.to_array(i) for i in g.initializer}
    lines = [f"== {name}",
             "  inputs: " + ", ".join(f"{v.name}{[d.dim_value for d in v.type.tensor_type.shape.dim]}"
                                      for v in g.input),
             "  outputs: " + ", ".join(v.name for v in g.output)]
    for n in g.node:
        if n.op_type == "Constant":
            consts[n.output[0]] = numpy_helper.to_array(n.attribute[0].t)
            continue
        attrs = []
        for a in n.attribute:
            v = helper.get_attribute_value(a)
            if isinstance(v, bytes):
                v = v.decode()
            elif isinstance(v, onnx.TensorProto):
                v = numpy_helper.to_array(v).tolist()
            attrs.append(f"{a.name}={v}")
        ins = ", ".join(describe_value(i, consts) for i in n.input)
        lines.append(f"  {n.op_type}({ins}) -> {', '.join(n.output)}"
                     + (f"  [{'; '.join(attrs)}]" if attrs else ""))
    return "\n".join(lines) + "\n"


def copy_sample(entry):
    """The README sample is tiny_cnn under the name tinynet."""
    os.makedirs(SAMPLE_DIR, exist_ok=True)
    pairs = [(entry["onnx"], "tinynet.onnx")]
    pairs += [(e["file"], "tinynet.input.npy") for e in entry["inputs"]]
    pairs += [(e["file"], "tinynet.expected.npy") for e in entry["outputs"]]
    for src, dst in pairs:
        shutil.copyfile(os.path.join(MODELS_DIR, src), os.path.join(SAMPLE_DIR, dst))


def print_sizes(root):
    total = 0
    for dirpath, _, files in sorted(os.walk(root)):
        for f in sorted(files):
            if f.endswith(".py") or f.endswith(".md"):
                continue
            p = os.path.join(dirpath, f)
            size = os.path.getsize(p)
            total += size
            print(f"{size:9d}  {os.path.relpath(p, root)}")
    print(f"{total:9d}  total")


def main():
    entries = []
    descriptions = []
    seeds = {}
    for index, spec in enumerate(MODELS, start=1):
        options = spec[5] if len(spec) > 5 else {}
        seed = seeds.get(options.get("seed_of"), options.get("seed", index))
        seeds[spec[0]] = seed
        entries.append(export_one(seed, spec, MODELS_DIR, descriptions))
    entries.append(export_one(EXT_SEED, EXT_MODEL, os.path.join(MODELS_DIR, "ext_data"),
                              descriptions, external_data=True))
    # the dynamic-axes models were first exported with seeds from 16 on; fixed so reruns reproduce them
    entries += export_dynamic.export_all(16, descriptions)
    index = {
        "opset": OPSET,
        "torch": torch.__version__,
        "onnx": onnx.__version__,
        "models": entries,
    }
    with open(os.path.join(MODELS_DIR, "index.json"), "w") as f:
        json.dump(index, f, indent=1)
        f.write("\n")
    with open(os.path.join(MODELS_DIR, "graphs.txt"), "w") as f:
        f.write("\n".join(descriptions))
    copy_sample(entries[0])
    print_sizes(HERE)


if __name__ == "__main__":
    main()

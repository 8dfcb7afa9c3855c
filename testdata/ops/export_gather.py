"""Op cases for gathering (issue 12): F.grid_sample at a data grid (ncnn GridSample), embedding
lookups with data indices (ncnn Embed), constant tables indexed by constant indices (folded, as
Swin v2's relative position bias) and constant index lists on data (Crop and Concat)."""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from opcases import Case, rand, write_topic


class GridSample(nn.Module):
    def __init__(self, mode, padding, align):
        super().__init__()
        self.mode, self.padding, self.align = mode, padding, align

    def forward(self, x, grid):
        return F.grid_sample(x, grid, mode=self.mode, padding_mode=self.padding, align_corners=self.align)


def grid(seed, *shape):
    """Normal coordinates scaled to reach a little outside [-1, 1], where padding decides, but stay
    within the one fold of reflection ncnn makes."""
    return rand(seed, *shape) * 0.7


GRID_CASES = [
    Case("grid_sample_%s_%s%s" % (mode, padding, "_aligned" if align else ""),
         lambda mode=mode, padding=padding, align=align: GridSample(mode, padding, align),
         [rand(100 + k, 1, 3, 5, 6), grid(200 + k, 1, 4, 7, 2)], opset=16,
         layers=["Input", "Input", "GridSample"],
         why="F.grid_sample mode=%s padding_mode=%s align_corners=%s" % (mode, padding, align))
    for k, (mode, padding, align) in enumerate(
        (m, p, a) for m in ("bilinear", "nearest", "bicubic") for p in ("zeros", "border", "reflection")
        for a in (False, True))
]

class Embedding(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(11, 6)
        self.fc = nn.Linear(6, 4)

    def forward(self, tokens):
        return self.fc(self.embed(tokens))


class RelativePositionBias(nn.Module):
    """Swin (v2)'s bias: a learned table indexed by a constant relative_position_index buffer."""

    def __init__(self, window=3, heads=2):
        super().__init__()
        self.window, self.heads = window, heads
        self.table = nn.Parameter(torch.randn((2 * window - 1) ** 2, heads))
        coords = torch.stack(torch.meshgrid(torch.arange(window), torch.arange(window), indexing="ij")).flatten(1)
        rel = (coords[:, :, None] - coords[:, None, :]).permute(1, 2, 0) + (window - 1)
        self.register_buffer("index", rel[:, :, 0] * (2 * window - 1) + rel[:, :, 1])

    def forward(self, scores):
        n = self.window * self.window
        bias = self.table[self.index.view(-1)].view(n, n, -1).permute(2, 0, 1).contiguous()
        return torch.softmax(scores + bias.unsqueeze(0), dim=-1)


class PickColumns(nn.Module):
    def forward(self, x):
        return x[:, [0, 2, 3, 1]] * 2


class IndexSelect(nn.Module):
    def __init__(self, dim, index):
        super().__init__()
        self.dim = dim
        self.register_buffer("index", torch.tensor(index))

    def forward(self, x):
        return torch.index_select(x, self.dim, self.index) + 1


class CoordsGrid(nn.Module):
    """RAFT's coords_grid: arange and meshgrid of the input's size, and a linspace (all fold)."""

    def __init__(self, indexing):
        super().__init__()
        self.indexing = indexing

    def forward(self, x):
        h, w = x.shape[-2:]
        ys, xs = torch.meshgrid(torch.arange(h), torch.arange(w), indexing="ij")
        if self.indexing == "xy":
            gx, gy = torch.meshgrid(torch.linspace(-1, 1, w), torch.linspace(-2, 2, h), indexing="xy")
        else:
            gy, gx = torch.meshgrid(torch.linspace(-2, 2, h), torch.linspace(-1, 1, w), indexing="ij")
        return x + torch.stack([xs, ys]).float().unsqueeze(0) + torch.stack([gx, gy]).unsqueeze(0)


class FlowWarp(nn.Module):
    """Backward warping by a flow, as RAFT's upsampler and optical-flow losses do: a constant base
    grid plus the data flow, normalised and stacked to [1,H,W,2], then F.grid_sample."""

    def forward(self, image, flow):
        h, w = image.shape[-2:]
        ys, xs = torch.meshgrid(torch.arange(h), torch.arange(w), indexing="ij")
        coords = torch.stack([xs, ys]).float().unsqueeze(0) + flow
        gx = coords[:, 0] * (2.0 / (w - 1)) - 1
        gy = coords[:, 1] * (2.0 / (h - 1)) - 1
        return F.grid_sample(image, torch.stack([gx, gy], dim=-1), align_corners=True)


class CorrelationLookup(nn.Module):
    """RAFT's correlation lookup: each of N pixels' one-channel correlation maps sampled at its own
    grid, the N pixels on the batch axis (which ncnn cannot hold, so it becomes one volume)."""

    def __init__(self, mode, padding, align):
        super().__init__()
        self.mode, self.padding, self.align = mode, padding, align

    def forward(self, corr, grid):
        n, h, w = corr.shape[1:]
        maps = corr.reshape(n, 1, h, w)
        out = F.grid_sample(maps, grid.reshape(n, grid.shape[2], grid.shape[3], 2), mode=self.mode,
                            padding_mode=self.padding, align_corners=self.align)
        return out.reshape(1, n, grid.shape[2], grid.shape[3])


class ConvOfConstant(nn.Module):
    """A convolution of a constant, as RAFT's motion encoder sees its all-zero initial flow."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(4, 6, 3, stride=2, padding=(1, 2), dilation=(1, 2), groups=2)
        self.register_buffer("flow", torch.randn(1, 4, 7, 8))

    def forward(self, x):
        return x + F.relu(self.conv(self.flow))


class PairEncoder(nn.Module):
    """RAFT's feature encoder: both images in one batch through conv + instance norm, then compared."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3, padding=1)
        self.norm = nn.InstanceNorm2d(4, affine=True)

    def forward(self, a, b):
        f = F.relu(self.norm(self.conv(torch.cat([a, b], dim=0))))
        fa, fb = torch.split(f, [1, 1], dim=0)
        return fa * fb


class WideViewScale(nn.Module):
    """RAFT's correlation scaling: a scalar division of a 6-D view, read back as 3-D."""

    def forward(self, x):
        return (x.view(1, 4, 4, 1, 4, 4) / 4.0).reshape(1, 16, 16) - x


def tokens(seed, *shape, high=11):
    return np.random.default_rng(seed).integers(0, high, shape).astype(np.int64)


GATHER_CASES = [
    Case("embedding", Embedding, [tokens(1, 1, 7)], layers=["Input", "Embed", "Gemm"],
         why="nn.Embedding at int64 data indices (ncnn Embed reads them as an int32 blob), then Linear"),
    Case("relative_position_bias", RelativePositionBias, [rand(2, 1, 2, 9, 9)],
         layers=["Input", "MemoryData", "BinaryOp", "Softmax"],
         why="Swin v2's constant table at a constant index buffer, view and permute: folds to one constant"),
    Case("pick_columns", PickColumns, [rand(3, 1, 5, 6)],
         why="x[:, [0, 2, 3, 1]] on data: Crop per run of consecutive indices, then Concat"),
    Case("index_select_channels", lambda: IndexSelect(1, [3, 4, 0]), [rand(4, 1, 5, 4, 4)],
         why="index_select of channels with a constant index on data"),
    Case("index_select_last", lambda: IndexSelect(-1, [1, 2, 3]), [rand(5, 1, 3, 6)],
         layers=["Input", "Crop", "BinaryOp"], why="index_select of one run of consecutive indices: one Crop"),
    Case("coords_grid", lambda: CoordsGrid("ij"), [rand(6, 1, 2, 4, 5)], layers=["Input", "MemoryData", "BinaryOp", "MemoryData", "BinaryOp"],
         why="arange, linspace and meshgrid of static sizes fold to constants"),
    Case("coords_grid_xy", lambda: CoordsGrid("xy"), [rand(9, 1, 2, 4, 5)], formats=("pt",),
         layers=["Input", "MemoryData", "BinaryOp", "MemoryData", "BinaryOp"],
         why="meshgrid indexing='xy' (traced only: torch 1.13's ONNX exporter fails on it)"),
    Case("correlation_lookup", lambda: CorrelationLookup("bilinear", "zeros", True),
         [rand(10, 1, 6, 5, 5), grid(11, 1, 6, 3, 4, 2)], opset=16,
         layers=["Input", "Input", "MemoryData", "Concat", "Reshape", "GridSample", "Reshape"],
         why="N one-channel maps each sampled at its own grid (batch kept): one volumetric GridSample"),
    Case("correlation_lookup_nearest", lambda: CorrelationLookup("nearest", "border", False),
         [rand(12, 1, 6, 5, 5), grid(13, 1, 6, 3, 4, 2)], opset=16,
         why="the per-sample lookup with nearest, border padding, align_corners=False"),
    Case("conv_of_constant", ConvOfConstant, [rand(14, 1, 6, 4, 4)], layers=["Input", "MemoryData", "BinaryOp"],
         why="Conv (strided, dilated, grouped) of a constant buffer folds (the ONNX exporter folds it itself)"),
    Case("pair_encoder", PairEncoder, [rand(15, 1, 3, 6, 6), rand(16, 1, 3, 6, 6)],
         why="two images through one conv + InstanceNorm at batch 2 (batch folded into channels)"),
    Case("wide_view_scale", WideViewScale, [rand(17, 1, 16, 16)],
         why="a scalar op on a 6-D view moves before the view (ScalarOpsBeforeWideReshape)"),
    Case("flow_warp", FlowWarp, [rand(7, 1, 3, 6, 7), rand(8, 1, 2, 6, 7)], opset=16,
         why="grid_sample at a grid computed from data: base grid + flow, scaled, stacked last to [1,H,W,2]"),
]

CASES = GRID_CASES + GATHER_CASES

if __name__ == "__main__":
    write_topic("gather", CASES)

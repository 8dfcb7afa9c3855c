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

CASES = GRID_CASES

if __name__ == "__main__":
    write_topic("gather", CASES)

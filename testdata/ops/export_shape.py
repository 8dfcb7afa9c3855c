"""Op cases for shape and layout ops (issue 12): index grids built with arange, flips, pixel
(un)shuffle, channel shuffle, splits, stacks, einsum and 1-D matmul, repeats, rolls, transposes
and squeezes. Every input keeps axis 0 = 1."""
import torch
import torch.nn as nn
import torch.nn.functional as F

from opcases import Case, rand, write_topic


class Fn(nn.Module):
    """Wraps a function of the inputs as a module (so each case is one line)."""

    def __init__(self, fn):
        super().__init__()
        self.fn = fn

    def forward(self, *xs):
        return self.fn(*xs)


def fn(f):
    return lambda: Fn(f)


def anchor_grid(x):
    # YOLOv8-style anchor points from the feature map's size, added to the data
    h, w = x.shape[2], x.shape[3]
    sx = torch.arange(w, dtype=torch.float32) + 0.5
    sy = torch.arange(h, dtype=torch.float32) + 0.5
    yy, xx = torch.meshgrid(sy, sx, indexing="ij")
    grid = torch.stack((xx, yy), 0)[None]
    return x + grid


class EinsumWeight(nn.Module):
    def __init__(self):
        super().__init__()
        self.w = nn.Parameter(torch.randn(4, 5))

    def forward(self, x):
        return torch.einsum("ij,jk->ik", x, self.w)


CASES = [
    Case("arange_grid", fn(anchor_grid), [rand(1, 1, 2, 5, 7)],
         layers=["Input", "MemoryData", "BinaryOp"], why="arange from x.shape, meshgrid, stack: folds"),
    Case("flip_w", fn(lambda x: torch.flip(x, [3])), [rand(2, 1, 3, 4, 5)],
         layers=["Input", "Flip"], why="flip of the last axis"),
    Case("flip_hw", fn(lambda x: torch.flip(x, [1, 2])), [rand(3, 1, 3, 4, 5)],
         layers=["Input", "Flip"], why="flip of two axes"),
    Case("pixel_unshuffle", lambda: nn.PixelUnshuffle(2), [rand(4, 1, 3, 4, 6)],
         layers=["Input", "Reorg"], why="nn.PixelUnshuffle"),
    Case("pixel_shuffle", lambda: nn.PixelShuffle(2), [rand(5, 1, 8, 3, 4)],
         layers=["Input", "PixelShuffle"], why="nn.PixelShuffle"),
    Case("unflatten", fn(lambda x: x.unflatten(2, (4, 5)) * 2), [rand(6, 1, 3, 20)], formats=("pt",),

         layers=["Input", "Reshape", "BinaryOp"], why="Tensor.unflatten (the ONNX exporter of torch 1.13 has no unflatten)"),
    Case("nn_unflatten", lambda: nn.Sequential(nn.Flatten(1), nn.Unflatten(1, (3, 2, 5))), [rand(7, 1, 6, 5)],
         formats=("pt",),
         layers=["Input", "Flatten", "Reshape"], why="nn.Unflatten after Flatten (no ONNX export in torch 1.13)"),
    Case("channel_shuffle", lambda: nn.ChannelShuffle(3), [rand(8, 1, 6, 4, 5)], formats=("pt",),

         layers=["Input", "ShuffleChannel"], why="nn.ChannelShuffle (no ONNX export of channel_shuffle in torch 1.13)"),
    Case("tensor_split", fn(lambda x: torch.tensor_split(x, 3, dim=1)), [rand(9, 1, 7, 5)],
         layers=["Input", "Slice"], why="tensor_split into 3 uneven parts"),
    Case("tensor_split_idx", fn(lambda x: torch.tensor_split(x, [1, 4], dim=2)), [rand(10, 1, 3, 6)],
         layers=["Input", "Slice"], why="tensor_split at indices (ONNX: a Loop of SequenceInserts, unrolled)"),
    Case("chunk_uneven", fn(lambda x: torch.chunk(x, 3, dim=1)), [rand(11, 1, 8, 3)],
         layers=["Input", "Slice"], why="chunk 8 into 3,3,2"),
    Case("split_sizes", fn(lambda x: torch.split(x, [2, 5, 1], dim=2)), [rand(12, 1, 3, 8)],
         layers=["Input", "Slice"], why="split with sizes"),
    Case("diag_const", fn(lambda x: x * torch.diag(torch.arange(4, dtype=torch.float32))), [rand(13, 1, 4, 4)],
         layers=["Input", "MemoryData", "BinaryOp"], why="diag of a constant"),
    Case("expand_outer", fn(lambda x: x[None].expand(3, -1, -1, -1) * 1.5), [rand(14, 1, 4, 5)],
         layers=["Input", "Reshape", "Tile", "BinaryOp"], why="expand adding an outer axis"),
    Case("einsum_bij_bjk", fn(lambda a, b: torch.einsum("bij,bjk->bik", a, b)), [rand(15, 1, 3, 4), rand(16, 1, 4, 5)],
         layers=["Input", "Input", "MatMul"], why="einsum batched matmul"),
    Case("einsum_ij_jk", EinsumWeight, [rand(17, 1, 4)],
         layers=["Input", "InnerProduct"], why="einsum matmul by a constant"),
    Case("einsum_bhid_bhjd", fn(lambda q, k: torch.einsum("bhid,bhjd->bhij", q, k)),
         [rand(19, 1, 2, 3, 4), rand(20, 1, 2, 5, 4)],
         layers=["Input", "Input", "Permute", "MatMul"], why="einsum attention scores"),
    Case("einsum_bhij_bhjd", fn(lambda a, v: torch.einsum("bhij,bhjd->bhid", a, v)),
         [rand(21, 1, 2, 3, 5), rand(22, 1, 2, 5, 4)],
         layers=["Input", "Input", "MatMul"], why="einsum attention values"),
    Case("einsum_outer", fn(lambda a, b: torch.einsum("i,j->ij", a.flatten(), b.flatten())),
         [rand(23, 1, 4), rand(24, 1, 5)],
         layers=["Input", "Input", "Reshape", "Reshape", "MatMul"], why="einsum outer product"),
    Case("matmul_vec_mat", fn(lambda x: torch.matmul(x.flatten(), torch.ones(6, 4) * 0.5 + torch.eye(6, 4))),
         [rand(25, 1, 6)], layers=["Input", "MemoryData", "MatMul"], why="vector @ constant matrix"),
    Case("matmul_mat_vec", fn(lambda x: torch.matmul(x[0], torch.arange(5, dtype=torch.float32))),
         [rand(26, 1, 3, 5)], layers=["Input", "MemoryData", "MatMul"], why="matrix @ constant vector"),
    Case("stack_unbind", fn(lambda x: torch.stack(torch.unbind(x, 1)[::-1], 2)), [rand(27, 1, 3, 4, 5)],

         layers=["Input", "Slice", "Reshape", "Reshape", "Reshape", "Concat"], why="unbind then stack in another order"),
    Case("meshgrid_const", fn(lambda x: x + torch.stack(torch.meshgrid(torch.arange(4.), torch.arange(5.), indexing="xy"))[None]),
         [rand(28, 1, 2, 5, 4)], layers=["Input", "MemoryData", "BinaryOp"], why="meshgrid of constants"),
    Case("repeat", fn(lambda x: x.repeat(1, 2, 3)), [rand(29, 1, 3, 4)],
         layers=["Input", "Tile"], why="Tensor.repeat"),
    Case("repeat_interleave", fn(lambda x: x.repeat_interleave(2, dim=1)), [rand(30, 1, 3, 4)],
         why="repeat_interleave with a constant count"),
    Case("narrow", fn(lambda x: torch.narrow(x, 2, 1, 3) + 1), [rand(31, 1, 3, 6, 4)],
         layers=["Input", "Crop", "BinaryOp"], why="torch.narrow"),
    Case("select", fn(lambda x: torch.select(x, 1, 2) * 2), [rand(32, 1, 4, 5, 3)],
         layers=["Input", "Crop", "Reshape", "BinaryOp"], why="torch.select"),
    Case("roll", fn(lambda x: torch.roll(x, 2, 3)), [rand(33, 1, 2, 3, 7)],
         layers=["Input", "Slice", "Concat"], why="torch.roll of one axis"),
    Case("roll2", fn(lambda x: torch.roll(x, (1, -2), (1, 2))), [rand(34, 1, 4, 5)],
         layers=["Input", "Slice", "Concat", "Slice", "Concat"], why="torch.roll of two axes"),
    Case("transpose", fn(lambda x: x.transpose(1, 3).contiguous() + 1), [rand(35, 1, 2, 3, 4)],
         layers=["Input", "Permute", "BinaryOp"], why="transpose"),
    Case("permute", fn(lambda x: x.permute(0, 2, 3, 1) * 2), [rand(36, 1, 2, 3, 4)],
         layers=["Input", "Permute", "BinaryOp"], why="permute"),
    Case("movedim", fn(lambda x: torch.movedim(x, 1, -1) - 1), [rand(37, 1, 2, 3, 4)],
         layers=["Input", "Permute", "BinaryOp"], why="movedim"),
    Case("permute_3d", fn(lambda x: (x.permute(0, 2, 1) + 0.5).contiguous()), [rand(38, 1, 3, 4)],
         layers=["Input", "Permute", "BinaryOp"], why="permute of a 3-D tensor"),
    Case("squeeze_unsqueeze", fn(lambda x: x.unsqueeze(2).squeeze(3).unsqueeze(-1) * 2), [rand(39, 1, 3, 1, 4)],
         layers=["Input", "Reshape", "BinaryOp"], why="squeeze/unsqueeze"),
    Case("squeeze_neg", fn(lambda x: x.squeeze(-2).unsqueeze(-3) + 1), [rand(48, 1, 3, 1, 4)],
         layers=["Input", "Reshape", "BinaryOp"], why="squeeze and unsqueeze of negative dims"),
    Case("flip_chw", fn(lambda x: torch.flip(x, [-3, -1, 2])), [rand(49, 1, 2, 3, 4)],
         layers=["Input", "Flip"], why="flip of three axes"),
    Case("pixel_unshuffle_f", fn(lambda x: F.pixel_unshuffle(x, 3) * 2), [rand(50, 1, 2, 6, 3)],
         layers=["Input", "Reorg", "BinaryOp"], why="F.pixel_unshuffle by 3"),
    Case("movedim_multi", fn(lambda x: torch.movedim(x, (1, 2), (3, 1)) + 1), [rand(51, 1, 2, 3, 4)],
         layers=["Input", "Permute", "BinaryOp"], why="movedim of two axes"),
    Case("unflatten_infer", fn(lambda x: x.unflatten(1, (-1, 2)) - 1), [rand(52, 1, 6, 5)], formats=("pt",),
         layers=["Input", "Reshape", "BinaryOp"], why="unflatten with an inferred size"),
    Case("einsum_bij_bkj", fn(lambda a, b: torch.einsum("bij,bkj->bik", a, b)), [rand(53, 1, 3, 4), rand(54, 1, 5, 4)],
         layers=["Input", "Input", "Permute", "MatMul"], why="einsum contracting the last axes"),
    Case("view_as", fn(lambda x, y: x.view_as(y) + y), [rand(40, 1, 12), rand(41, 1, 3, 4)],
         layers=["Input", "Input", "Reshape", "BinaryOp"], why="view_as"),
    Case("reshape_as", fn(lambda x, y: x.reshape_as(y) * y), [rand(42, 1, 4, 3), rand(43, 1, 3, 4)],
         layers=["Input", "Input", "Reshape", "BinaryOp"], why="reshape_as"),
    Case("expand_as", fn(lambda x, y: x.expand_as(y) + y), [rand(44, 1, 3, 1), rand(45, 1, 3, 4)],
         layers=["Input", "Input", "Tile", "BinaryOp"], why="expand_as"),
    Case("type_as", fn(lambda x, y: x.type_as(y) + y), [rand(46, 1, 3, 4), rand(47, 1, 3, 4)],
         layers=["Input", "Input", "BinaryOp"], why="type_as"),
]

if __name__ == "__main__":
    write_topic("shape", CASES)

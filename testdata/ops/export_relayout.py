"""Op cases for values above ncnn's four dims (issue 11 item 3): 6-D window partitions and patch
unfolds, and packed q/k/v split by a 5-D permute, which the relayout passes hold in four dims by
merging axes that move together or cutting along a small axis."""
import torch
import torch.nn as nn
import torch.nn.functional as F

from opcases import Case, rand, write_topic


def partition(x, w):
    """Swin's window partition: [B,H,W,C] -> [B*nW, w*w, C]."""
    b, h, wd, c = x.shape
    x = x.view(b, h // w, w, wd // w, w, c).permute(0, 1, 3, 2, 4, 5)
    return x.reshape(b * (h // w) * (wd // w), w * w, c)


def reverse(x, w, b, h, wd):
    """Swin's window reverse: [B*nW, w*w, C] -> [B,H,W,C]."""
    c = x.shape[-1]
    x = x.view(b, h // w, wd // w, w, w, c).permute(0, 1, 3, 2, 4, 5)
    return x.reshape(b, h, wd, c)


class WindowPartition(nn.Module):
    """Partition, a per-window mix (softmax over each window's tokens), reverse."""

    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(8, 8)

    def forward(self, x):
        b, h, w, _ = x.shape
        win = partition(x, 4)
        win = F.softmax(self.fc(win), dim=1) * win
        return reverse(win, 4, b, h, w)


class PatchUnfoldFold(nn.Module):
    """MobileViT's unfold to [B*P, N, C] through a 6-D permute, a mix across patches, and the fold back."""

    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(8, 8)

    def forward(self, x):
        b, c, h, w = x.shape
        p = 2
        nh, nw = h // p, w // p
        t = x.reshape(b, c, nh, p, nw, p).permute(0, 3, 5, 2, 4, 1).reshape(b * p * p, nh * nw, c)
        t = self.fc(F.softmax(t, dim=1))
        t = t.reshape(b, p, p, nh, nw, c).permute(0, 5, 3, 1, 4, 2).reshape(b, c, h, w)
        return t + x


class QkvAttention(nn.Module):
    """Packed q/k/v: [B,N,3*H*D] -> [B,N,3,H,D] -> permute(2,0,3,1,4) -> q, k, v = x[0], x[1], x[2]."""

    def __init__(self, dim=16, heads=2):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(dim, 3 * dim)
        self.proj = nn.Linear(dim, dim)

    def forward(self, x):
        b, n, c = x.shape
        qkv = self.qkv(x).reshape(b, n, 3, self.heads, c // self.heads).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        attn = F.softmax((q * (c // self.heads) ** -0.5) @ k.transpose(-2, -1), dim=-1)
        return self.proj((attn @ v).transpose(1, 2).reshape(b, n, c))


class WindowAttention(nn.Module):
    """Swin's block core: window partition, packed q/k/v attention per window (the 5-D permute of
    [nW,N,3,H,D] needs a cut along the 3), window reverse."""

    def __init__(self):
        super().__init__()
        self.attn = QkvAttention(8, 2)

    def forward(self, x):
        b, h, w, _ = x.shape
        return reverse(self.attn(partition(x, 4)), 4, b, h, w) + x


class HighRankElementwise(nn.Module):
    """Elementwise ops on a 6-D view (flattened) and a softmax along one axis of a 5-D view."""

    def forward(self, x):
        v = x.reshape(1, 2, 3, 4, 5, 6)
        v = torch.sigmoid(v) * v + 0.5 - torch.tanh(v).abs()
        s = F.softmax(x.reshape(1, 2, 3, 4, 30), dim=2)
        return v.reshape(1, 24, 30) + s.reshape(1, 24, 30)


CASES = [
    Case("window_partition", WindowPartition, [rand(1, 1, 16, 16, 8)],
         layers=("Input Reshape Permute Reshape Split Reshape Gemm Reshape Softmax "
                 "BinaryOp Reshape Permute Reshape").split(),
         why="Swin window partition and reverse ([1,4,4,4,4,8] permutes merged to 4 dims)"),
    Case("patch_unfold_fold", PatchUnfoldFold, [rand(2, 1, 8, 8, 8)],
         layers=("Input Split Reshape Slice Reshape Reshape Permute Permute Reshape Reshape Concat "
                 "Reshape Softmax Reshape Gemm Reshape Slice Reshape Reshape Permute "
                 "Permute Reshape Reshape Concat Reshape BinaryOp").split(),
         why="MobileViT 6-D unfold/fold: permute (0,3,5,2,4,1) cut along a patch axis"),
    Case("qkv_attention", QkvAttention, [rand(3, 1, 6, 16)],
         layers=("Input Gemm Reshape Permute Reshape Slice Reshape Reshape Reshape "
                 "BinaryOp Permute MatMul Softmax MatMul Permute Reshape Gemm").split(),
         why="packed q/k/v [1,N,3,H,D] permute(2,0,3,1,4) then q,k,v = x[0..2]: the runs merge"),
    Case("window_attention", WindowAttention, [rand(4, 1, 8, 8, 8)],
         layers=("Input Split Reshape Permute Reshape Gemm Reshape Slice Reshape Reshape "
                 "Reshape Permute Permute Permute BinaryOp Permute MatMul Softmax MatMul Permute "
                 "Reshape Gemm Reshape Permute Reshape BinaryOp").split(),
         why="windowed q/k/v [nW,N,3,H,D] permute: cut along the 3 into q, k, v"),
    Case("high_rank_elementwise", HighRankElementwise, [rand(5, 1, 24, 30)],
         layers=("Input Split Reshape Reshape Reshape Softmax TanH Swish Reshape UnaryOp BinaryOp "
                 "BinaryOp Reshape BinaryOp").split(),
         why="6-D sigmoid, tanh, abs, mul, add, sub on the flat view; 5-D softmax on [1,before,axis,after]"),
]

if __name__ == "__main__":
    write_topic("relayout", CASES)

"""Op cases of whole small networks: a scaled-down torchvision Swin Transformer (shifted windows,
5-D/6-D window partitions, relative position bias from a constant index) at batch 1 and 2, and a
Swin-V2-style window attention (torchvision 0.14 has no swin_v2: the block is written out as
torchvision 0.15 defines it), whose continuous position bias is an MLP over constant tables."""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F
from torchvision.models.swin_transformer import SwinTransformer

from opcases import Case, rand, write_topic


def tiny_swin():
    return SwinTransformer(patch_size=[4, 4], embed_dim=16, depths=[2, 2], num_heads=[2, 4], window_size=[4, 4],
                           num_classes=10)


class WindowAttentionV2(nn.Module):
    """Swin V2's window attention: cosine attention with a learnt logit scale, and a relative
    position bias computed by an MLP from a constant log-spaced coordinate table, indexed by a
    constant relative position index. Everything but q/k/v is constant in eval mode."""

    def __init__(self, dim=16, window=4, heads=2):
        super().__init__()
        self.window, self.heads = window, heads
        self.qkv = nn.Linear(dim, dim * 3)
        self.proj = nn.Linear(dim, dim)
        self.logit_scale = nn.Parameter(torch.log(10 * torch.ones((heads, 1, 1))))
        self.cpb_mlp = nn.Sequential(nn.Linear(2, 32), nn.ReLU(), nn.Linear(32, heads, bias=False))
        coords = torch.arange(-(window - 1), window, dtype=torch.float32)
        table = torch.stack(torch.meshgrid([coords, coords], indexing="ij")).permute(1, 2, 0).unsqueeze(0)
        table = table / (window - 1) * 8
        table = torch.sign(table) * torch.log2(torch.abs(table) + 1.0) / 3.0
        self.register_buffer("relative_coords_table", table)
        grid = torch.stack(torch.meshgrid([torch.arange(window), torch.arange(window)], indexing="ij")).flatten(1)
        rel = (grid[:, :, None] - grid[:, None, :]).permute(1, 2, 0) + (window - 1)
        self.register_buffer("relative_position_index", (rel[:, :, 0] * (2 * window - 1) + rel[:, :, 1]).flatten())

    def forward(self, x):
        b, h, w, c = x.shape
        ws, n = self.window, self.window * self.window
        x = x.view(b, h // ws, ws, w // ws, ws, c).permute(0, 1, 3, 2, 4, 5).reshape(-1, n, c)
        qkv = self.qkv(x).reshape(x.size(0), n, 3, self.heads, c // self.heads).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        attn = F.normalize(q, dim=-1) @ F.normalize(k, dim=-1).transpose(-2, -1)
        attn = attn * torch.clamp(self.logit_scale, max=math.log(100.0)).exp()
        bias = self.cpb_mlp(self.relative_coords_table).view(-1, self.heads)[self.relative_position_index]
        bias = 16 * torch.sigmoid(bias.view(n, n, -1).permute(2, 0, 1))
        attn = F.softmax(attn + bias.unsqueeze(0), dim=-1)
        x = (attn @ v).transpose(1, 2).reshape(x.size(0), n, c)
        x = self.proj(x).view(b, h // ws, w // ws, ws, ws, c).permute(0, 1, 3, 2, 4, 5)
        return x.reshape(b, h, w, c)


class YoloV8Like(nn.Module):
    """A YOLOv8-style detector with its decoding in forward: two levels, a DFL head (softmax over
    16 bins, a fixed 1x1 conv with the bin indices), anchor points built with torch.arange from the
    feature map's shape, dist2bbox and sigmoid class scores concatenated to [1, 4+nc, anchors]."""

    def __init__(self, nc=3, reg_max=16):
        super().__init__()
        self.nc, self.reg_max = nc, reg_max
        self.stem = nn.Sequential(nn.Conv2d(3, 8, 3, 2, 1), nn.SiLU(), nn.Conv2d(8, 16, 3, 2, 1), nn.SiLU())
        self.down = nn.Sequential(nn.Conv2d(16, 16, 3, 2, 1), nn.SiLU())
        self.box = nn.ModuleList(nn.Conv2d(16, 4 * reg_max, 1) for _ in range(2))
        self.cls = nn.ModuleList(nn.Conv2d(16, nc, 1) for _ in range(2))
        self.dfl = nn.Conv2d(reg_max, 1, 1, bias=False).requires_grad_(False)
        self.dfl.weight.data[:] = torch.arange(reg_max, dtype=torch.float).view(1, reg_max, 1, 1)
        self.strides = (4, 8)

    def forward(self, x):
        p3 = self.stem(x)
        feats = [p3, self.down(p3)]
        outs, anchors, strides = [], [], []
        for i, f in enumerate(feats):
            b, _, h, w = f.shape
            outs.append(torch.cat((self.box[i](f), self.cls[i](f)), 1).view(b, 4 * self.reg_max + self.nc, -1))
            sx = torch.arange(w, dtype=torch.float32) + 0.5
            sy = torch.arange(h, dtype=torch.float32) + 0.5
            yy, xx = torch.meshgrid(sy, sx, indexing="ij")
            anchors.append(torch.stack((xx, yy), -1).view(-1, 2))
            strides.append(torch.full((h * w, 1), self.strides[i], dtype=torch.float32))
        y = torch.cat(outs, 2)
        anchor = torch.cat(anchors).transpose(0, 1).unsqueeze(0)
        stride = torch.cat(strides).transpose(0, 1)
        box, cls = y.split((4 * self.reg_max, self.nc), 1)
        a = box.shape[2]
        dist = self.dfl(box.view(b, 4, self.reg_max, a).transpose(2, 1).softmax(1)).view(b, 4, a)
        lt, rb = dist.chunk(2, 1)
        x1y1, x2y2 = anchor - lt, anchor + rb
        bbox = torch.cat(((x1y1 + x2y2) / 2, x2y2 - x1y1), 1) * stride
        return torch.cat((bbox, cls.sigmoid()), 1)


class ConformerConv(nn.Module):
    """A Conformer block's convolution module and feed-forward halves: LayerNorm, pointwise conv
    to 2C, GLU, depthwise conv1d, BatchNorm, SiLU, pointwise conv, residuals; then attention."""

    def __init__(self, d=16, heads=2):
        super().__init__()
        self.ff1 = nn.Sequential(nn.LayerNorm(d), nn.Linear(d, 4 * d), nn.SiLU(), nn.Linear(4 * d, d))
        self.attn_norm = nn.LayerNorm(d)
        self.attn = nn.MultiheadAttention(d, heads, batch_first=True)
        self.conv_norm = nn.LayerNorm(d)
        self.pw1 = nn.Conv1d(d, 2 * d, 1)
        self.dw = nn.Conv1d(d, d, 5, padding=2, groups=d)
        self.bn = nn.BatchNorm1d(d)
        self.pw2 = nn.Conv1d(d, d, 1)
        self.ff2 = nn.Sequential(nn.LayerNorm(d), nn.Linear(d, 4 * d), nn.SiLU(), nn.Linear(4 * d, d))
        self.out_norm = nn.LayerNorm(d)

    def forward(self, x):
        x = x + 0.5 * self.ff1(x)
        a = self.attn_norm(x)
        x = x + self.attn(a, a, a, need_weights=False)[0]
        c = self.conv_norm(x).transpose(1, 2)
        c = F.glu(self.pw1(c), dim=1)
        c = self.pw2(F.silu(self.bn(self.dw(c))))
        x = x + c.transpose(1, 2)
        x = x + 0.5 * self.ff2(x)
        return self.out_norm(x)


CASES = [
    Case("swin_tiny", tiny_swin, [rand(1, 1, 3, 32, 32)], why="Swin: shifted-window attention, re-laid 6-D windows"),
    Case("swinv2_window_attention", WindowAttentionV2, [rand(3, 1, 8, 8, 16)],
         why="Swin V2 window attention: cosine attention, the MLP position bias folds to a constant"),
    Case("yolov8_like", YoloV8Like, [rand(4, 1, 3, 32, 32)],
         why="YOLOv8-style detector: anchors from torch.arange in forward fold, DFL decoding in the graph"),
    Case("conformer_block", ConformerConv, [rand(5, 1, 12, 16)],
         why="Conformer block: feed-forward halves, attention, GLU, depthwise conv1d, BatchNorm1d"),
    Case("swin_tiny_b2", tiny_swin, [rand(2, 2, 3, 32, 32)], why="the same at batch 2: Mat::n = 2"),
]

if __name__ == "__main__":
    write_topic("models", CASES)

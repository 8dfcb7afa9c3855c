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


CASES = [
    Case("swin_tiny", tiny_swin, [rand(1, 1, 3, 32, 32)], why="Swin: shifted-window attention, re-laid 6-D windows"),
    Case("swinv2_window_attention", WindowAttentionV2, [rand(3, 1, 8, 8, 16)],
         why="Swin V2 window attention: cosine attention, the MLP position bias folds to a constant"),
    Case("swin_tiny_b2", tiny_swin, [rand(2, 2, 3, 32, 32)], why="the same at batch 2: Mat::n = 2"),
]

if __name__ == "__main__":
    write_topic("models", CASES)

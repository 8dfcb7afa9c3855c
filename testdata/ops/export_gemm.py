"""Op cases for dense layers over many rows and for the views ncnn does not need (issue 14): a
Linear over tokens or channels-last pixels becomes ncnn Gemm (constant B and C) below 512 rows and
InnerProduct from there; a global pooling's 1-D result feeds squeeze-excite 1x1 convolutions
(as InnerProduct), LayerNorm and the classifier's Linear without a Reshape or Flatten."""
import torch
import torch.nn as nn
import torch.nn.functional as F

from opcases import Case, rand, write_topic


class Mlp(nn.Module):
    """ViT / ConvNeXt MLP on the last axis: Linear, GELU, Linear."""

    def __init__(self, dim, hidden, bias=True):
        super().__init__()
        self.fc1 = nn.Linear(dim, hidden, bias=bias)
        self.fc2 = nn.Linear(hidden, dim, bias=bias)

    def forward(self, x):
        return self.fc2(F.gelu(self.fc1(x)))


class ConvNextBlock(nn.Module):
    """torchvision's ConvNeXt block: depthwise conv, channels-last LayerNorm + MLP, layer scale."""

    def __init__(self, dim=8):
        super().__init__()
        self.dw = nn.Conv2d(dim, dim, 7, padding=3, groups=dim)
        self.norm = nn.LayerNorm(dim, eps=1e-6)
        self.mlp = Mlp(dim, 4 * dim)
        self.scale = nn.Parameter(torch.rand(dim, 1, 1) + 0.5)

    def forward(self, x):
        y = self.mlp(self.norm(self.dw(x).permute(0, 2, 3, 1))).permute(0, 3, 1, 2)
        return x + self.scale * y


class SqueezeExcite(nn.Module):
    def __init__(self, c=16, r=4):
        super().__init__()
        self.fc1 = nn.Conv2d(c, r, 1)
        self.fc2 = nn.Conv2d(r, c, 1)

    def forward(self, x):
        s = F.adaptive_avg_pool2d(x, 1)
        return x * torch.sigmoid(self.fc2(F.silu(self.fc1(s))))


class ClassifierHead(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3)
        self.fc = nn.Linear(8, 5)

    def forward(self, x):
        return self.fc(torch.flatten(F.adaptive_avg_pool2d(F.relu(self.conv(x)), 1), 1))


class PooledLayerNorm(nn.Module):
    """ConvNeXt's head: global pooling, LayerNorm over the channels, Flatten, Linear."""

    def __init__(self):
        super().__init__()
        self.norm = nn.LayerNorm(8, eps=1e-6)
        self.fc = nn.Linear(8, 5)

    def forward(self, x):
        s = F.adaptive_avg_pool2d(x, 1)
        return self.fc(torch.flatten(self.norm(s.permute(0, 2, 3, 1)).permute(0, 3, 1, 2), 1))


CASES = [
    Case("linear_tokens", lambda: nn.Linear(16, 24), [rand(1, 1, 10, 16)], layers=["Input", "Gemm"],
         why="Linear over 10 tokens: Gemm, weight as constant B (transB), bias as constant C"),
    Case("linear_tokens_nobias", lambda: nn.Linear(16, 24, bias=False), [rand(2, 1, 10, 16)],
         layers=["Input", "Gemm"], why="no bias: Gemm without C (broadcast type -1)"),
    Case("mlp_tokens", lambda: Mlp(16, 32), [rand(3, 1, 10, 16)], layers=["Input", "Gemm", "GELU", "Gemm"],
         why="ViT MLP over tokens"),
    Case("mlp_pixels", lambda: Mlp(8, 32), [rand(4, 1, 5, 6, 8)],
         layers=["Input", "Reshape", "Gemm", "GELU", "Gemm", "Reshape"],
         why="MLP over channels-last pixels: one view to rows and one back, none around the GELU"),
    Case("linear_many_rows", lambda: nn.Linear(8, 12), [rand(5, 1, 600, 8)], layers=["Input", "InnerProduct"],
         why="600 rows: InnerProduct, which is faster than Gemm there"),
    Case("convnext_block", ConvNextBlock, [rand(6, 1, 8, 6, 7)],
         layers=["Input", "Split", "ConvolutionDepthWise", "Permute", "LayerNorm", "Reshape", "Gemm", "GELU",
                 "Gemm", "Reshape", "Permute", "MemoryData", "BinaryOp", "BinaryOp"],
         why="ConvNeXt block: Gemm on the channels-last rows, no MatMul or MemoryData weights"),
    Case("squeeze_excite", SqueezeExcite, [rand(7, 1, 16, 5, 6)],
         layers=["Input", "Split", "Pooling", "InnerProduct", "Swish", "InnerProduct", "BinaryOp"],
         why="squeeze-excite: 1x1 convolutions on the pooled vector become InnerProduct, no Reshape"),
    Case("classifier_head", ClassifierHead, [rand(8, 1, 3, 9, 9)],
         layers=["Input", "Convolution", "Pooling", "InnerProduct"],
         why="global pooling then Linear: no Flatten (the pooled blob is 1-D already)"),
    Case("pooled_layernorm", PooledLayerNorm, [rand(9, 1, 8, 5, 6)],
         layers=["Input", "Pooling", "LayerNorm", "InnerProduct"],
         why="ConvNeXt head: LayerNorm on the pooled 1-D blob, no Reshape or Flatten"),
]

if __name__ == "__main__":
    write_topic("gemm", CASES)

"""Op cases for 3-D convolution, transposed convolution and pooling on [1, C, D, H, W] inputs,
lowered to ncnn's Convolution3D / ConvolutionDepthWise3D / Deconvolution3D /
DeconvolutionDepthWise3D / Pooling3D, and a hand-written RMSNorm (torch 1.13 has no nn.RMSNorm)
that FuseRmsNorm folds into ncnn's RMSNorm (issue 15)."""
import torch
import torch.nn as nn

from opcases import Case, rand, write_topic


class RMSNorm(nn.Module):
    """LLaMA-style RMSNorm: x * rsqrt(mean(x^2) + eps) * weight over the last axis."""

    def __init__(self, dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.rand(dim) + 0.5)

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps) * self.weight


def conv_relu():
    return nn.Sequential(nn.Conv3d(3, 4, 3, padding=1), nn.ReLU())


def x(seed, c=3, d=5, h=6, w=7):
    return [rand(seed, 1, c, d, h, w)]


IN = ["Input"]
CASES = [
    Case("conv3d", lambda: nn.Conv3d(3, 4, 3, bias=False), x(1), layers=IN + ["Convolution3D"],
         why="plain 3x3x3 Conv3d without bias"),
    Case("conv3d_bias_padded", lambda: nn.Conv3d(3, 4, (2, 3, 3), padding=(1, 0, 2)), x(2),
         why="per-axis kernel and pads, with bias"),
    Case("conv3d_strided", lambda: nn.Conv3d(3, 4, 3, stride=(2, 1, 2)), x(3), why="per-axis strides"),
    Case("conv3d_dilated", lambda: nn.Conv3d(3, 2, 2, dilation=(2, 1, 3), padding=1), x(4),
         why="per-axis dilation"),
    Case("conv3d_grouped", lambda: nn.Conv3d(4, 6, 3, groups=2, padding=1), x(5, c=4),
         layers=IN + ["ConvolutionDepthWise3D"], why="groups=2: ConvolutionDepthWise3D with group 2"),
    Case("conv3d_depthwise", lambda: nn.Conv3d(4, 8, 3, groups=4, padding=(0, 1, 1)), x(6, c=4),
         why="depthwise with channel multiplier 2"),
    Case("conv3d_relu", conv_relu, x(7), layers=IN + ["Convolution3D"],
         why="ReLU fused into Convolution3D (activation_type 1)"),
    Case("deconv3d", lambda: nn.ConvTranspose3d(3, 4, 3), x(8, d=3, h=4, w=3), layers=IN + ["Deconvolution3D"],
         why="plain ConvTranspose3d"),
    Case("deconv3d_depthwise", lambda: nn.ConvTranspose3d(4, 4, 3, groups=4, padding=1), x(9, c=4, d=3, h=4, w=3),
         layers=IN + ["DeconvolutionDepthWise3D"], why="depthwise ConvTranspose3d with pads"),
    Case("deconv3d_stride2_outpad", lambda: nn.ConvTranspose3d(3, 2, 3, stride=2, padding=1, output_padding=1),
         x(10, d=3, h=4, w=3), why="stride 2 with output_padding 1 on every axis"),
    Case("deconv3d_outpad_per_axis",
         lambda: nn.ConvTranspose3d(3, 2, (2, 3, 3), stride=(2, 3, 2), output_padding=(1, 2, 0), dilation=(1, 1, 2)),
         x(11, d=3, h=4, w=3), why="per-axis stride, output_padding and dilation"),
    Case("maxpool3d", lambda: nn.MaxPool3d(2), x(12, d=4, h=6, w=6), layers=IN + ["Pooling3D"],
         why="MaxPool3d kernel 2 stride 2"),
    Case("maxpool3d_padded", lambda: nn.MaxPool3d(3, stride=2, padding=1), x(13), why="padding 1: -inf borders"),
    Case("maxpool3d_ceil", lambda: nn.MaxPool3d((2, 3, 2), stride=2, ceil_mode=True), x(14),
         why="ceil_mode keeps partial last windows (ncnn full padding)"),
    Case("avgpool3d", lambda: nn.AvgPool3d(2), x(15, d=4, h=6, w=6), why="AvgPool3d kernel 2 stride 2"),
    Case("avgpool3d_padded", lambda: nn.AvgPool3d(3, stride=2, padding=1), x(16),
         why="count_include_pad=True divides by the whole window"),
    Case("avgpool3d_exclude_pad", lambda: nn.AvgPool3d(3, stride=2, padding=1, count_include_pad=False), x(17),
         why="count_include_pad=False divides by the cells inside the input"),
    Case("avgpool3d_ceil", lambda: nn.AvgPool3d(2, stride=2, ceil_mode=True, count_include_pad=False), x(18),
         why="ceil_mode partial windows averaged over their input cells"),
    Case("adaptive_avgpool3d_1", lambda: nn.AdaptiveAvgPool3d(1), x(19),
         why="global average: Pooling3D global_pooling then a Reshape back to [C,1,1,1]"),
    Case("rmsnorm", lambda: RMSNorm(16), [rand(20, 1, 7, 16)], layers=IN + ["RMSNorm"],
         why="hand-written RMSNorm fused by FuseRmsNorm into one ncnn RMSNorm"),
]

if __name__ == "__main__":
    write_topic("conv3d", CASES)

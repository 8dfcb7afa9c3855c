"""Op cases for convolution, pooling and matrix-product forms (issue 12): adaptive pooling with
windows of different sizes, padding='same'/'valid' convolutions, weight-normed layers, products
whose second operand is data, F.normalize, LocalResponseNorm, LSTM with projections, and the
grouped / dilated / strided / transposed convolution and pooling variants. Batch-1 inputs."""
import torch
import torch.nn as nn
import torch.nn.functional as F

from opcases import Case, rand, write_topic


class Fn(nn.Module):
    """A module computing fn(*inputs), for functional ops without parameters."""

    def __init__(self, fn):
        super().__init__()
        self.fn = fn

    def forward(self, *xs):
        return self.fn(*xs)


class WeightNormed(nn.Module):
    def __init__(self, layer, dim=0):
        super().__init__()
        self.layer = torch.nn.utils.weight_norm(layer, dim=dim)

    def forward(self, x):
        return self.layer(x)


class DataProducts(nn.Module):
    def __init__(self, kind):
        super().__init__()
        self.kind = kind

    def forward(self, a, b, c=None):
        if self.kind == "mm":
            return torch.mm(a[0], b[0])
        if self.kind == "bmm":
            return torch.bmm(a, b)
        if self.kind == "addmm":
            return torch.addmm(c[0], a[0], b[0], beta=0.5, alpha=2.0)
        return torch.baddbmm(c, a, b, beta=0.5, alpha=2.0)


class DataWeightConvTranspose(nn.Module):
    def forward(self, x, w):
        return F.conv_transpose2d(x, w, stride=2, padding=1)


class DataWeightConv(nn.Module):
    def forward(self, x, w):
        return F.conv2d(x, w, padding=1)


class ProjLSTM(nn.Module):
    def __init__(self, bidirectional=False):
        super().__init__()
        self.rnn = nn.LSTM(12, 16, proj_size=8, batch_first=True, bidirectional=bidirectional)

    def forward(self, x):
        return self.rnn(x)[0]


# the ONNX exporter (torch 1.13) refuses adaptive pooling whose output size does not divide the
# input, padding='same'/'valid' (aten::_convolution_mode) and LSTMs with projections
PT = ("pt",)

x2 = rand(100, 1, 4, 11, 13)
x1 = rand(101, 1, 4, 10)
x3 = rand(102, 1, 3, 7, 9, 11)

CASES = [
    # --- adaptive pooling with unequal windows ---
    Case("adaptive_avg2d_3x5", lambda: nn.AdaptiveAvgPool2d((3, 5)), [x2], formats=PT, layers=["Input", "Pooling"],
         why="adaptive avg 11x13 -> 3x5"),
    Case("adaptive_max2d_4x6", lambda: nn.AdaptiveMaxPool2d((4, 6)), [x2], formats=PT, layers=["Input", "Pooling"],
         why="adaptive max 11x13 -> 4x6"),
    Case("adaptive_avg2d_none", lambda: nn.AdaptiveAvgPool2d((None, 5)), [x2], formats=PT, layers=["Input", "Pooling"],
         why="adaptive avg keeping H"),
    Case("adaptive_max1d_4", lambda: nn.AdaptiveMaxPool1d(4), [x1], formats=PT, layers=["Input", "Pooling1D"],
         why="adaptive max length 10 -> 4"),
    Case("adaptive_avg1d_3", lambda: nn.AdaptiveAvgPool1d(3), [x1], formats=PT, layers=["Input", "Pooling1D"],
         why="adaptive avg length 10 -> 3"),
    Case("adaptive_avg3d", lambda: nn.AdaptiveAvgPool3d((2, 4, 5)), [x3], formats=PT, layers=["Input", "Pooling3D"],
         why="adaptive avg 7x9x11 -> 2x4x5"),
    Case("adaptive_max3d", lambda: nn.AdaptiveMaxPool3d((3, 2, 4)), [x3], formats=PT, layers=["Input", "Pooling3D"],
         why="adaptive max 7x9x11 -> 3x2x4"),
    # --- padding='same' / 'valid' ---
    Case("conv2d_same_k3", lambda: nn.Conv2d(4, 6, 3, padding="same"), [x2], formats=PT, layers=["Input", "Convolution"],
         why="same, odd kernel"),
    Case("conv2d_same_k4", lambda: nn.Conv2d(4, 6, 4, padding="same"), [x2], formats=PT, layers=["Input", "Convolution"],
         why="same, even kernel (asymmetric)"),
    Case("conv2d_same_k2x4_d2", lambda: nn.Conv2d(4, 6, (2, 4), padding="same", dilation=(3, 2)), [x2],
         formats=PT, layers=["Input", "Convolution"], why="same, even kernels with dilation"),
    Case("conv2d_valid", lambda: nn.Conv2d(4, 6, 3, padding="valid"), [x2], formats=PT, layers=["Input", "Convolution"],
         why="valid padding"),
    Case("conv1d_same_k4", lambda: nn.Conv1d(4, 6, 4, padding="same"), [x1], formats=PT, layers=["Input", "Convolution1D"],
         why="1-D same, even kernel"),
    Case("conv3d_same_k2", lambda: nn.Conv3d(3, 4, (2, 3, 2), padding="same"), [x3], formats=PT, layers=["Input", "Convolution3D"],
         why="3-D same, even kernels"),
    # --- weight norm ---
    Case("weight_norm_conv", lambda: WeightNormed(nn.Conv2d(4, 6, 3)), [x2], layers=["Input", "Convolution"],
         why="weight_norm'ed Conv2d"),
    Case("weight_norm_linear", lambda: WeightNormed(nn.Linear(13, 7)), [rand(103, 1, 13)], layers=["Input", "InnerProduct"],
         why="weight_norm'ed Linear"),
    Case("weight_norm_conv_dim1", lambda: WeightNormed(nn.Conv1d(4, 6, 3), dim=1), [x1],
         layers=["Input", "Convolution1D"], why="weight_norm over dim 1"),
    # --- products with a data operand ---
    Case("mm_data", lambda: DataProducts("mm"), [rand(110, 1, 5, 6), rand(111, 1, 6, 7)],
         layers=["Input", "Input", "MatMul"], why="torch.mm of two inputs"),
    Case("bmm_data", lambda: DataProducts("bmm"), [rand(113, 1, 5, 6), rand(114, 1, 6, 7)],
         layers=["Input", "Input", "MatMul"], why="torch.bmm of two inputs"),
    Case("addmm_data", lambda: DataProducts("addmm"), [rand(116, 1, 5, 6), rand(117, 1, 6, 7), rand(118, 1, 5, 7)],
         why="torch.addmm with data B and input (Gemm with data B in ONNX)"),
    Case("baddbmm_data", lambda: DataProducts("baddbmm"),
         [rand(119, 1, 5, 6), rand(120, 1, 6, 7), rand(121, 1, 5, 7)], why="torch.baddbmm, all data"),
    Case("conv_data_weight", DataWeightConv, [x2, rand(122, 5, 4, 3, 3)], layers=["Input", "Input", "Convolution"],
         why="conv2d with a weight input"),
    Case("deconv_data_weight", DataWeightConvTranspose, [x2, rand(123, 4, 5, 3, 3)],
         layers=["Input", "Input", "Deconvolution"], why="conv_transpose2d with a weight input"),
    # --- normalisation ---
    Case("normalize_2d", lambda: Fn(lambda x: F.normalize(x, dim=1)), [rand(130, 1, 16)],
         why="F.normalize [1,16]"),
    Case("normalize_4d", lambda: Fn(lambda x: F.normalize(x, dim=1)), [x2], why="F.normalize over channels"),
    Case("lrn", lambda: nn.LocalResponseNorm(3), [x2], why="LocalResponseNorm size 3"),
    Case("lrn_k", lambda: nn.LocalResponseNorm(4, alpha=1e-3, beta=0.6, k=2.0), [x2], why="LRN even size, k"),
    # --- LSTM with projections ---
    Case("lstm_proj", ProjLSTM, [rand(140, 1, 7, 12)], formats=PT, layers=["Input", "LSTM"],
         why="LSTM proj_size=8"),
    Case("lstm_proj_bi", lambda: ProjLSTM(True), [rand(141, 1, 7, 12)], formats=PT, layers=["Input", "LSTM"],
         why="bidirectional LSTM proj_size=8"),
    # --- convolution variants ---
    Case("conv1d_group_dil_stride", lambda: nn.Conv1d(4, 8, 3, stride=2, dilation=2, groups=2), [x1],
         why="grouped, dilated, strided Conv1d"),
    Case("conv1d_depthwise", lambda: nn.Conv1d(4, 4, 3, padding=1, groups=4), [x1], why="depthwise Conv1d"),
    Case("conv2d_group_dil_stride", lambda: nn.Conv2d(4, 6, 3, stride=(2, 1), dilation=(1, 2), groups=2,
                                                      padding=(1, 2)), [x2], why="grouped dilated strided Conv2d"),
    Case("conv2d_depthwise", lambda: nn.Conv2d(4, 8, 3, padding=1, groups=4), [x2], why="depthwise x2 Conv2d"),
    Case("conv3d_group_dil_stride", lambda: nn.Conv3d(3, 6, 2, stride=(1, 2, 2), dilation=(2, 1, 2), groups=3),
         [x3], why="grouped dilated strided Conv3d"),
    Case("deconv1d_outpad", lambda: nn.ConvTranspose1d(4, 6, 3, stride=2, padding=1, output_padding=1), [x1],
         why="ConvTranspose1d output_padding"),
    Case("deconv2d_outpad_group", lambda: nn.ConvTranspose2d(4, 6, 3, stride=(2, 3), padding=1,
                                                             output_padding=(1, 2), groups=2, dilation=1), [x2],
         why="grouped ConvTranspose2d output_padding"),
    Case("deconv2d_dilated", lambda: nn.ConvTranspose2d(4, 4, 3, stride=2, dilation=2, groups=4), [x2],
         why="depthwise dilated ConvTranspose2d"),
    Case("deconv3d_outpad", lambda: nn.ConvTranspose3d(3, 2, 3, stride=2, padding=1, output_padding=1), [x3],
         why="ConvTranspose3d output_padding"),
    # --- pooling variants ---
    Case("avgpool2d_ceil_exclude", lambda: nn.AvgPool2d(3, 2, padding=1, ceil_mode=True, count_include_pad=False),
         [x2], why="avg pool ceil_mode, count_include_pad=False"),
    Case("avgpool2d_ceil", lambda: nn.AvgPool2d(2, 2, ceil_mode=True), [x2], why="avg pool ceil_mode partial"),
    Case("avgpool1d_exclude", lambda: nn.AvgPool1d(3, 2, padding=1, count_include_pad=False), [x1],
         why="1-D avg pool excluding pads"),
    Case("avgpool3d_ceil", lambda: nn.AvgPool3d(2, 2, ceil_mode=True, count_include_pad=False), [x3],
         why="3-D avg pool ceil_mode"),
    Case("maxpool2d_dilation", lambda: nn.MaxPool2d(3, 2, padding=1, dilation=2), [x2], why="max pool dilation",
         refused="ncnn pooling has no dilation"),
    Case("maxpool1d_dilation", lambda: nn.MaxPool1d(2, 1, dilation=3), [x1], why="1-D max pool dilation",
         refused="ncnn pooling has no dilation"),
    Case("maxpool2d_ceil", lambda: nn.MaxPool2d(3, 2, ceil_mode=True), [x2], why="max pool ceil_mode"),
    Case("lppool2d", lambda: nn.LPPool2d(2, 3, stride=2), [x2], why="LPPool2d p=2"),
    Case("lppool1d", lambda: nn.LPPool1d(4, 3, 2), [x1], why="LPPool1d p=4 (an odd p gives NaN on negative sums)"),
]

if __name__ == "__main__":
    write_topic("conv", CASES)

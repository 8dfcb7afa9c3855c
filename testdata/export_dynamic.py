#!/usr/bin/python3
"""Export the dynamic-axes test models into testdata/models/ (called by export_models.py).

Each model here is exported twice with opset 11: NAME.onnx with dynamic batch, height and width
(so the exporter emits Shape/Gather/Unsqueeze/Concat glue for every size-dependent reshape), and
NAME_static.onnx at the fixed size. Converting NAME.onnx with inputshape= must give the same ncnn
layers as converting NAME_static.onnx.

Models with "second_size" also get inputs and PyTorch outputs at that size
(NAME.input_HxW.npy / NAME.expected_HxW.npy): they check inputshape2=, whose converted model
must run at a third input size.
"""
import io
import os

import numpy as np
import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F

import export_models as em

OPSET = 11


def conv_bn(cin, cout, k=3, s=1, groups=1):
    return nn.Sequential(nn.Conv2d(cin, cout, k, s, k // 2, groups=groups, bias=False),
                         nn.BatchNorm2d(cout))


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.a = conv_bn(cin, cout, 3, stride)
        self.b = conv_bn(cout, cout, 3, 1)
        self.down = conv_bn(cin, cout, 1, stride) if stride != 1 or cin != cout else None

    def forward(self, x):
        y = self.b(F.relu(self.a(x)))
        return F.relu(y + (x if self.down is None else self.down(x)))


class ResNetSmall(nn.Module):
    """resnet-style: stem, two basic blocks, global pool, x.view(x.size(0), -1), fc."""

    def __init__(self):
        super().__init__()
        self.stem = conv_bn(3, 8, 3, 2)
        self.pool = nn.MaxPool2d(3, 2, 1)
        self.l1 = BasicBlock(8, 8, 1)
        self.l2 = BasicBlock(8, 16, 2)
        self.fc = nn.Linear(16, 10)

    def forward(self, x):
        x = self.pool(F.relu(self.stem(x)))
        x = self.l2(self.l1(x))
        x = F.adaptive_avg_pool2d(x, 1)
        x = x.view(x.size(0), -1)
        return self.fc(x)


class InvertedResidual(nn.Module):
    def __init__(self, cin, cout, stride, expand):
        super().__init__()
        mid = cin * expand
        self.use_res = stride == 1 and cin == cout
        self.body = nn.Sequential(conv_bn(cin, mid, 1), nn.ReLU6(),
                                  conv_bn(mid, mid, 3, stride, groups=mid), nn.ReLU6(),
                                  conv_bn(mid, cout, 1))

    def forward(self, x):
        y = self.body(x)
        return x + y if self.use_res else y


class MobileNetV2Small(nn.Module):
    """mobilenet_v2-style: inverted residuals with ReLU6, adaptive pool, flatten(x, 1), dropout, fc."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(conv_bn(3, 8, 3, 2), nn.ReLU6(),
                                      InvertedResidual(8, 8, 1, 2),
                                      InvertedResidual(8, 12, 2, 3),
                                      InvertedResidual(12, 12, 1, 3),
                                      conv_bn(12, 32, 1), nn.ReLU6())
        self.classifier = nn.Sequential(nn.Dropout(0.2), nn.Linear(32, 10))

    def forward(self, x):
        x = self.features(x)
        x = nn.functional.adaptive_avg_pool2d(x, (1, 1))
        x = torch.flatten(x, 1)
        return self.classifier(x)


class ConvBnSiLU(nn.Module):
    def __init__(self, cin, cout, k=1, s=1):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, k, s, k // 2, bias=False)
        self.bn = nn.BatchNorm2d(cout)

    def forward(self, x):
        return F.silu(self.bn(self.conv(x)))


class Sppf(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.cv1 = ConvBnSiLU(c, c // 2)
        self.cv2 = ConvBnSiLU(c * 2, c)
        self.m = nn.MaxPool2d(5, 1, 2)

    def forward(self, x):
        x = self.cv1(x)
        y1 = self.m(x)
        y2 = self.m(y1)
        return self.cv2(torch.cat([x, y1, y2, self.m(y2)], 1))


class YoloSmall(nn.Module):
    """YOLOv5-style: Focus slicing, Conv+BN+SiLU, SPPF, nearest upsample, and a detect head
    reshaping each level to [bs, na, no, ny, nx], permuting and flattening to [bs, -1, no]."""

    na = 3
    no = 7  # 2 classes + 5

    def __init__(self):
        super().__init__()
        self.focus = ConvBnSiLU(12, 8, 3)
        self.down1 = ConvBnSiLU(8, 16, 3, 2)
        self.down2 = ConvBnSiLU(16, 32, 3, 2)
        self.sppf = Sppf(32)
        self.lat = ConvBnSiLU(32, 16)
        self.fuse = ConvBnSiLU(32, 16, 3)
        self.heads = nn.ModuleList([nn.Conv2d(16, self.na * self.no, 1),
                                    nn.Conv2d(32, self.na * self.no, 1)])

    def detect(self, i, x):
        x = self.heads[i](x)
        bs, _, ny, nx = x.shape
        x = x.view(bs, self.na, self.no, ny, nx).permute(0, 1, 3, 4, 2).contiguous()
        return x.sigmoid().view(bs, -1, self.no)

    def forward(self, x):
        x = torch.cat([x[..., ::2, ::2], x[..., 1::2, ::2], x[..., ::2, 1::2], x[..., 1::2, 1::2]], 1)
        x = self.focus(x)
        p3 = self.down1(x)
        p4 = self.sppf(self.down2(p3))
        up = F.interpolate(self.lat(p4), scale_factor=2.0, mode="nearest")
        p3 = self.fuse(torch.cat([up, p3], 1))
        return torch.cat([self.detect(0, p3), self.detect(1, p4)], 1)


class FcnUpsample(nn.Module):
    """Fully convolutional: downsample, nearest and bilinear upsample by scale, skip connection,
    1x1 head; no flatten, so it runs at any size divisible by 4."""

    def __init__(self):
        super().__init__()
        self.a = ConvBnSiLU(3, 8, 3)
        self.b = ConvBnSiLU(8, 16, 3, 2)
        self.c = ConvBnSiLU(16, 16, 3, 2)
        self.d = ConvBnSiLU(32, 8, 3)
        self.head = nn.Conv2d(16, 4, 1)

    def forward(self, x):
        a = self.a(x)
        b = self.b(a)
        c = F.interpolate(self.c(b), scale_factor=2.0, mode="nearest")
        d = F.interpolate(self.d(torch.cat([b, c], 1)), scale_factor=2.0, mode="bilinear",
                          align_corners=False)
        return self.head(torch.cat([a, d], 1))


# name, class, input shape, input scale, second size (for inputshape2 tests) or None, exercises
DYNAMIC_MODELS = [
    ("dyn_resnet", ResNetSmall, [1, 3, 32, 32], 1.0, None,
     "dynamic batch/h/w, opset 11: resnet-style blocks, x.view(x.size(0), -1) "
     "(Shape/Gather/Unsqueeze/Concat/Reshape glue), Gemm"),
    ("dyn_mobilenet", MobileNetV2Small, [1, 3, 32, 32], 1.0, None,
     "dynamic batch/h/w, opset 11: inverted residuals, ReLU6 (Clip), adaptive pool, flatten, Gemm"),
    ("dyn_yolo", YoloSmall, [1, 3, 64, 64], 1.0, None,
     "dynamic batch/h/w, opset 11: Focus slicing x[..., ::2, ::2] (Slice step 2) cat, Conv+BN+SiLU, "
     "SPPF max-pools, nearest upsample, detect head view to 5-D [bs,na,no,ny,nx], permute, "
     "view to [bs,-1,no]"),
    ("dyn_fcn", FcnUpsample, [1, 3, 32, 32], 1.0, [1, 3, 64, 64],
     "dynamic batch/h/w, opset 11: fully convolutional with nearest and bilinear upsample by scale; "
     "inputshape2= test: also has input/expected at 64x64"),
]


def export(model, x, dynamic):
    buf = io.BytesIO()
    axes = {"in0": {0: "batch", 2: "height", 3: "width"}, "out0": {0: "batch"}} if dynamic else None
    torch.onnx.export(model, (torch.from_numpy(x),), buf, opset_version=OPSET,
                      do_constant_folding=True, export_params=True,
                      training=torch.onnx.TrainingMode.PRESERVE,
                      input_names=["in0"], output_names=["out0"], dynamic_axes=axes)
    proto = onnx.load_from_string(buf.getvalue())
    onnx.checker.check_model(proto)
    return proto


def save_pair(name, suffix, x, y):
    fin = f"{name}.input{suffix}.npy"
    fout = f"{name}.expected{suffix}.npy"
    np.save(os.path.join(em.MODELS_DIR, fin), np.ascontiguousarray(x))
    np.save(os.path.join(em.MODELS_DIR, fout), np.ascontiguousarray(y))
    return ({"name": "in0", "shape": em.shape_string(x.shape), "file": fin},
            {"name": "out0", "shape": em.shape_string(y.shape), "file": fout})


def export_one(seed, spec, descriptions):
    """Writes NAME.onnx (dynamic), NAME_static.onnx and their data; returns two index entries."""
    name, cls, shape, scale, second, exercises = spec
    model, (x,) = em.build(seed, cls, [shape], scale)
    (y,) = em.run_torch(model, [x])
    entries = []
    fin, fout = save_pair(name, "", x, y)   # both exports share the input and expected files
    for onnx_name, dynamic in ((name, True), (name + "_static", False)):
        proto = export(model, x, dynamic)
        descriptions.append(em.describe_graph(onnx_name, proto))
        path = os.path.join(em.MODELS_DIR, onnx_name + ".onnx")
        onnx.save_model(proto, path)
        assert os.path.getsize(path) < em.MAX_MODEL_BYTES, path
        entry = {
            "name": onnx_name,
            "onnx": onnx_name + ".onnx",
            "external_data": None,
            "seed": seed,
            "inputshape": fin["shape"],
            "inputs": [fin],
            "outputs": [fout],
            "onnx_ops": em.op_types(proto),
            "exercises": exercises if dynamic else f"static export of {name} (same layers expected)",
        }
        if dynamic:
            entry["static_twin"] = name + "_static"
        if dynamic and second is not None:
            rng = np.random.default_rng(seed + 1000)
            x2 = (rng.standard_normal(second) * scale).astype(np.float32)
            (y2,) = em.run_torch(model, [x2])
            suffix = f"_{second[2]}x{second[3]}"
            fin2, fout2 = save_pair(name, suffix, x2, y2)
            entry["other_size"] = {"inputs": [fin2], "outputs": [fout2]}
        entries.append(entry)
    return entries


def export_all(first_seed, descriptions):
    entries = []
    for i, spec in enumerate(DYNAMIC_MODELS):
        entries += export_one(first_seed + i, spec, descriptions)
    return entries

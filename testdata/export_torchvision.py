#!/usr/bin/python3
"""Export torchvision classification models with random weights, for real-model conversion checks.

The results are large (up to ~50 MB each) and are NOT committed. Weights are torchvision's own
random initialisation after torch.manual_seed(seed); nothing is downloaded. BatchNorm running
stats are then taken from one batch of two random images (see calibrate_batchnorm). Export uses opset 13,
a static [1,3,224,224] input and the exporter's default eval mode (BatchNorm folded into Conv, as
in most ONNX files found in the wild).

Writes OUTDIR/<name>/<name>.onnx, OUTDIR/<name>/input.npy, OUTDIR/<name>/expected.npy and
OUTDIR/index.json (input shape, output shape and ONNX op types per model).

Usage: /usr/bin/python3 testdata/export_torchvision.py OUTDIR [name ...]
"""
import io
import json
import os
import sys

import numpy as np
import onnx
import torch
import torchvision

OPSET = 13
INPUT_SHAPE = (1, 3, 224, 224)

# name -> constructor keyword arguments (weights=None everywhere: random init, no download)
MODELS = {
    "resnet18": {},
    "mobilenet_v2": {},
    "mobilenet_v3_small": {},
    "squeezenet1_1": {},
    "shufflenet_v2_x1_0": {},
    "efficientnet_b0": {},
    "googlenet": {"aux_logits": False, "init_weights": True},
    "densenet121": {},
    "regnet_x_400mf": {},
    "mnasnet0_5": {},
}


def calibrate_batchnorm(model, rng):
    """Set every BatchNorm's running stats from one forward pass over random images.

    With torchvision's init and the default stats (mean 0, var 1) activations in several of these
    networks shrink to ~1e-9 by the logits (depthwise convs are initialised for a fan-out of C*9),
    and a conversion check against such outputs proves little. Statistics taken from actual
    activations keep every layer at magnitude ~1 and make the folded BatchNorm non-trivial.
    """
    batchnorms = [m for m in model.modules() if isinstance(m, torch.nn.modules.batchnorm._BatchNorm)]
    for bn in batchnorms:
        bn.reset_running_stats()
        bn.momentum = None   # cumulative average: after one batch, exactly that batch's stats
        bn.train()
    calib = rng.standard_normal((2,) + INPUT_SHAPE[1:]).astype(np.float32)
    with torch.no_grad():
        model(torch.from_numpy(calib))
    model.eval()


def export(name, seed, out_root):
    torch.manual_seed(seed)
    model = getattr(torchvision.models, name)(weights=None, **MODELS[name]).eval()
    rng = np.random.default_rng(seed)
    calibrate_batchnorm(model, rng)
    x = rng.standard_normal(INPUT_SHAPE).astype(np.float32)
    with torch.no_grad():
        expected = model(torch.from_numpy(x)).numpy().astype(np.float32)

    buf = io.BytesIO()
    torch.onnx.export(model, (torch.from_numpy(x),), buf, opset_version=OPSET,
                      do_constant_folding=True, export_params=True,
                      input_names=["in0"], output_names=["out0"])
    proto = onnx.load_from_string(buf.getvalue())
    onnx.checker.check_model(proto)

    out_dir = os.path.join(out_root, name)
    os.makedirs(out_dir, exist_ok=True)
    onnx.save_model(proto, os.path.join(out_dir, name + ".onnx"))
    np.save(os.path.join(out_dir, "input.npy"), x)
    np.save(os.path.join(out_dir, "expected.npy"), expected)
    size = os.path.getsize(os.path.join(out_dir, name + ".onnx"))
    print(f"{name}: {size} bytes, output {list(expected.shape)}", flush=True)
    return {
        "name": name,
        "onnx": f"{name}/{name}.onnx",
        "seed": seed,
        "inputshape": "[" + ",".join(map(str, INPUT_SHAPE)) + "]",
        "input": f"{name}/input.npy",
        "expected": f"{name}/expected.npy",
        "output_shape": list(expected.shape),
        "onnx_ops": sorted({n.op_type for n in proto.graph.node}),
    }


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    out_root = argv[1]
    names = argv[2:] or list(MODELS)
    entries = [export(name, list(MODELS).index(name) + 1, out_root) for name in names]
    index = {"opset": OPSET, "torch": torch.__version__, "torchvision": torchvision.__version__,
             "onnx": onnx.__version__, "models": entries}
    with open(os.path.join(out_root, "index.json"), "w") as f:
        json.dump(index, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv)

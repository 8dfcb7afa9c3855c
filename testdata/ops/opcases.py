"""Exports small PyTorch modules as op cases: each case is one module traced to TorchScript
(NAME.pt) and exported to ONNX (NAME.onnx), with its inputs (NAME.input<i>.npy) and PyTorch's
outputs (NAME.expected<k>.npy). A topic script (export_<topic>.py) lists its cases and calls
write_topic, which (re)writes testdata/ops/<topic>/ and its index.json; OpCasesTest converts every
case from every format it was exported in and compares the ncnn executor's outputs with these.

Run with the system interpreter: /usr/bin/python3 testdata/ops/export_<topic>.py
"""
import json
import os
import shutil

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))

SUFFIX = {np.dtype("float32"): "", np.dtype("int64"): "i64", np.dtype("int32"): "i32", np.dtype("bool"): "bool"}


class Case:
    """One module and its example inputs (numpy arrays, made from a seeded generator).

    make builds the module (a zero-argument callable, such as a lambda or an nn.Module class), so
    its weights are initialised after the case's seed is set. refused is for a module ncnn cannot
    run: the conversion must fail with a message containing that text."""

    def __init__(self, name, make, inputs, formats=("onnx", "pt"), opset=13, script=False, layers=None,
                 why=None, refused=None):
        self.name = name
        self.make = make
        self.inputs = inputs
        self.formats = formats
        self.opset = opset
        self.script = script
        self.layers = layers
        self.why = why
        self.refused = refused


def rand(seed, *shape):
    """Seeded normal float32 values of the given shape."""
    return np.random.default_rng(seed).standard_normal(shape).astype(np.float32)


def inputshape(arrays):
    return ",".join("[" + ",".join(str(d) for d in a.shape) + "]" + SUFFIX[a.dtype] for a in arrays)


def _outputs(result):
    if isinstance(result, (tuple, list)):
        return [o for r in result for o in _outputs(r)]
    return [result]


def write_topic(topic, cases):
    out = os.path.join(HERE, topic)
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    index = []
    for i, c in enumerate(cases):
        torch.manual_seed(i)
        m = c.make().eval()
        tensors = tuple(torch.from_numpy(a) for a in c.inputs)
        with torch.no_grad():
            expected = [o.detach().numpy() for o in _outputs(m(*tensors))]
            names_in = ["in%d" % k for k in range(len(tensors))]
            names_out = ["out%d" % k for k in range(len(expected))]
            if "pt" in c.formats:
                ts = torch.jit.script(m) if c.script else torch.jit.trace(m, tensors)
                ts.save(os.path.join(out, c.name + ".pt"))
        if "onnx" in c.formats:
            # outside no_grad: under it, eval attention exports as a fast-path op ONNX lacks
            torch.onnx.export(m, tensors, os.path.join(out, c.name + ".onnx"), opset_version=c.opset,
                              input_names=names_in, output_names=names_out, do_constant_folding=True)
        files_in = []
        for k, a in enumerate(c.inputs):
            files_in.append("%s.input%d.npy" % (c.name, k))
            np.save(os.path.join(out, files_in[-1]), a)
        files_out = []
        for k, e in enumerate(expected):
            files_out.append("%s.expected%d.npy" % (c.name, k))
            np.save(os.path.join(out, files_out[-1]), e.astype(np.float32))
        entry = {"name": c.name, "inputshape": inputshape(c.inputs), "formats": list(c.formats),
                 "inputs": files_in, "outputs": files_out}
        if c.layers is not None:
            entry["layers"] = c.layers
        if c.why is not None:
            entry["exercises"] = c.why
        if c.refused is not None:
            entry["refused"] = c.refused
        index.append(entry)
    with open(os.path.join(out, "index.json"), "w") as f:
        json.dump({"topic": topic, "cases": index}, f, indent=1)
        f.write("\n")

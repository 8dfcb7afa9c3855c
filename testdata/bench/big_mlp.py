"""Writes a large MLP for the scale benchmark (docs/benchmarks.md, "Scale"), outside the repository.

    /usr/bin/python3 testdata/bench/big_mlp.py OUT [LAYERS] [WIDTH]

OUT/mlp.onnx keeps its weights as ONNX external data (OUT/mlp.weights, one file, as exporters of
models over 2 GB do), OUT/mlp.pt is the same module saved by torch.jit.trace. The default, 5 layers
of 12800x12800 fp32, is 3.28 GB of weights. Weights are uniform in [-0.01, 0.01] from a fixed seed:
well inside fp16's normal range, so fp16 conversion takes its common path.
"""
import os
import sys

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper


def main():
    out = sys.argv[1]
    layers = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    width = int(sys.argv[3]) if len(sys.argv) > 3 else 12800
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(0)
    mlp = torch.nn.Sequential(*[torch.nn.Linear(width, width) for _ in range(layers)]).eval()
    with torch.no_grad():
        for p in mlp.parameters():
            p.uniform_(-0.01, 0.01)

    nodes, inits = [], []
    x = "input"
    for i, lin in enumerate(mlp):
        w, b = f"fc{i}.weight", f"fc{i}.bias"
        inits.append(numpy_helper.from_array(lin.weight.detach().numpy(), w))
        inits.append(numpy_helper.from_array(lin.bias.detach().numpy(), b))
        y = "output" if i == layers - 1 else f"h{i}"
        nodes.append(helper.make_node("Gemm", [x, w, b], [y], name=f"fc{i}", transB=1))
        x = y
    graph = helper.make_graph(nodes, "big_mlp", [helper.make_tensor_value_info("input", TensorProto.FLOAT, [1, width])],
                              [helper.make_tensor_value_info("output", TensorProto.FLOAT, [1, width])], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    onnx.save_model(model, os.path.join(out, "mlp.onnx"), save_as_external_data=True, all_tensors_to_one_file=True,
                    location="mlp.weights", size_threshold=1024)
    torch.jit.trace(mlp, torch.zeros(1, width)).save(os.path.join(out, "mlp.pt"))
    np.save(os.path.join(out, "input.npy"), np.zeros((1, width), np.float32))
    print(f"{layers} x {width}x{width}: {sum(p.numel() for p in mlp.parameters()) * 4 / 1e9:.2f} GB of weights in {out}")


if __name__ == "__main__":
    main()

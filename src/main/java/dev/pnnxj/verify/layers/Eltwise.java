package dev.pnnxj.verify.layers;

import static dev.pnnxj.ncnn.layer.Eltwise.*;

import dev.pnnxj.verify.Layer;
import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.Mat;

import java.util.List;

/**
 * ncnn's Eltwise over inputs of one shape: param 0 op_type 0 product, 1 sum (weighted by param 1
 * coeffs when given), 2 max.
 */
final class Eltwise implements Layer {
    private int op;
    private float[] coeffs;

    @Override
    public void loadParams(LayerParams p, int bottoms, int tops) {
        op = p.getInt(OP_TYPE, 0);
        coeffs = p.getFloats(COEFFS);
        if (op < 0 || op > 2) {
            throw new IllegalArgumentException("unknown Eltwise op_type " + op);
        }
        if (op == 1 && coeffs.length != 0 && coeffs.length < bottoms) {
            throw new IllegalArgumentException("coeffs has " + coeffs.length + " entries for " + bottoms + " inputs");
        }
    }

    @Override
    public List<Mat> forward(List<Mat> inputs) {
        if (inputs.size() < 2) {
            throw new IllegalArgumentException("expects at least 2 inputs, got " + inputs.size());
        }
        Mat first = inputs.get(0);
        float[] out = new float[first.total()];
        for (int b = 0; b < inputs.size(); b++) {
            Mat m = inputs.get(b);
            if (!m.sameShape(first)) {
                throw new IllegalArgumentException("input " + b + " " + m.shapeString() + " differs from "
                        + first.shapeString());
            }
            float[] x = m.data();
            float coeff = coeffs.length != 0 ? coeffs[b] : 1f;
            for (int i = 0; i < out.length; i++) {
                if (b == 0) {
                    out[i] = op == 1 ? x[i] * coeff : x[i];
                } else if (op == 0) {
                    out[i] *= x[i];
                } else if (op == 1) {
                    out[i] += x[i] * coeff;
                } else {
                    out[i] = Math.max(out[i], x[i]);
                }
            }
        }
        return List.of(Mat.of(first.shape(), out));
    }
}

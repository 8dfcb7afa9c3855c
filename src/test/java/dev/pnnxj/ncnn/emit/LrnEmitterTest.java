package dev.pnnxj.ncnn.emit;

import static dev.pnnxj.ncnn.emit.TinyGraph.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ncnn.LowerToNcnn;
import dev.pnnxj.ncnn.UnsupportedNodesException;
import dev.pnnxj.verify.Mat;
import java.util.List;
import org.junit.jupiter.api.Test;

class LrnEmitterTest {
    private static final float[] X = {1, -2, 0.5f, 3, 2, -1, 4, 0, -3, 1.5f};

    @Test
    void oddSizeLrnIsNcnnLrnAcrossChannels() {
        TinyGraph t = new TinyGraph();
        Node n = t.op("LRN", List.of(t.input("x", 1, 5, 1, 2)), s(1, 5, 1, 2));
        n.set("size", 3L).set("alpha", 0.5f).set("beta", 0.6f).set("bias", 2f);
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=2 1=1 2=5
                LRN                      lrn_0                    1 1 in0 out0 0=0 1=3 2=5.0e-01 3=6.0e-01 4=2.0e+00
                """, t.param());
        assertArrayEquals(onnxLrn(X, 5, 2, 3, 0.5f, 0.6f, 2f), t.run(Mat.of(s(5, 1, 2), X)).data(), 1e-5f);
    }

    @Test
    void evenSizeIsReported() {
        TinyGraph t = new TinyGraph();
        Node n = t.op("LRN", List.of(t.input("x", 1, 5, 1, 2)), s(1, 5, 1, 2));
        n.set("size", 4L);
        UnsupportedNodesException e = assertThrows(UnsupportedNodesException.class, () -> LowerToNcnn.lower(t.g));
        assertEquals("LRN size 4 is even: ncnn's channel window is size + 1 wide then", e.problems().get(0).reason());
    }

    /** ONNX's definition: channels c - floor((size-1)/2) .. c + ceil((size-1)/2). */
    private static float[] onnxLrn(float[] x, int c, int plane, int size, float alpha, float beta, float bias) {
        float[] y = new float[x.length];
        for (int q = 0; q < c; q++) {
            for (int i = 0; i < plane; i++) {
                double sum = 0;
                for (int p = q - (size - 1) / 2; p <= q + size / 2; p++) {
                    if (p >= 0 && p < c) {
                        sum += x[p * plane + i] * x[p * plane + i];
                    }
                }
                y[q * plane + i] = (float) (x[q * plane + i] / Math.pow(bias + alpha / size * sum, beta));
            }
        }
        return y;
    }
}

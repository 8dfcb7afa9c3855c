package dev.pnnxj.verify;

import org.junit.jupiter.api.Test;

import static dev.pnnxj.verify.Models.random;
import static dev.pnnxj.verify.Models.run1;
import static dev.pnnxj.verify.Models.shape;

class MultiHeadAttentionTest {
    /** x [seq][in] times W [out][in] transposed plus bias: [seq][out]. */
    private static double[][] linear(float[] x, int seq, int in, float[] w, float[] b, int out) {
        double[][] y = new double[seq][out];
        for (int i = 0; i < seq; i++) {
            for (int j = 0; j < out; j++) {
                double s = b[j];
                for (int k = 0; k < in; k++) {
                    s += x[i * in + k] * w[j * in + k];
                }
                y[i][j] = s;
            }
        }
        return y;
    }

    @Test
    void crossAttentionWithMaskMatchesTheDefinition() {
        int embed = 4;
        int heads = 2;
        int src = 3;
        int dst = 2;
        int qdim = 4;
        int kvdim = 3;
        float[] q = random(src * qdim, 91);
        float[] kv = random(dst * kvdim, 92);
        float[] mask = random(src * dst, 93);
        float[] qw = random(embed * qdim, 94);
        float[] qb = random(embed, 95);
        float[] kw = random(embed * kvdim, 96);
        float[] kb = random(embed, 97);
        float[] vw = random(embed * kvdim, 98);
        float[] vb = random(embed, 99);
        float[] ow = random(qdim * embed, 100);
        float[] ob = random(qdim, 101);
        Bin bin = new Bin().flagged(qw).raw(qb).flagged(kw).raw(kb).flagged(vw).raw(vb).flagged(ow).raw(ob);
        Mat out = run1("MultiHeadAttention", "0=4 1=2 2=16 3=3 4=3 5=1", bin, Mat.of(shape(src, qdim), q),
                Mat.of(shape(dst, kvdim), kv), Mat.of(shape(src, dst), mask));

        double[][] qa = linear(q, src, qdim, qw, qb, embed);
        double[][] ka = linear(kv, dst, kvdim, kw, kb, embed);
        double[][] va = linear(kv, dst, kvdim, vw, vb, embed);
        double scale = 1 / Math.sqrt(embed / heads);
        float[] attended = new float[src * embed];
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < src; i++) {
                double[] s = new double[dst];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < dst; j++) {
                    for (int l = 0; l < embed / heads; l++) {
                        s[j] += qa[i][h * 2 + l] * scale * ka[j][h * 2 + l];
                    }
                    s[j] += mask[i * dst + j];
                    max = Math.max(max, s[j]);
                }
                double sum = 0;
                for (int j = 0; j < dst; j++) {
                    s[j] = Math.exp(s[j] - max);
                    sum += s[j];
                }
                for (int l = 0; l < embed / heads; l++) {
                    double a = 0;
                    for (int j = 0; j < dst; j++) {
                        a += s[j] / sum * va[j][h * 2 + l];
                    }
                    attended[i * embed + h * 2 + l] = (float) a;
                }
            }
        }
        double[][] y = linear(attended, src, embed, ow, ob, qdim);
        float[] expect = new float[src * qdim];
        for (int i = 0; i < src; i++) {
            for (int j = 0; j < qdim; j++) {
                expect[i * qdim + j] = (float) y[i][j];
            }
        }
        Expect.mat(out, shape(src, qdim), expect, 1e-5f);
    }

    @Test
    void selfAttentionUsesTheOneInputForQKAndV() {
        float[] x = random(6, 102);
        // zero q/k projections make every key score equal, so each output row is the mean of the
        // (identity-projected) values plus the output bias
        Bin bin = new Bin().flagged(new float[4]).raw(0, 0).flagged(new float[4]).raw(0, 0)
                .flagged(1, 0, 0, 1).raw(0, 0).flagged(1, 0, 0, 1).raw(0.5f, 0);
        Mat out = run1("MultiHeadAttention", "0=2 1=1 2=4", bin, Mat.of(shape(3, 2), x));
        float m0 = (x[0] + x[2] + x[4]) / 3;
        float m1 = (x[1] + x[3] + x[5]) / 3;
        Expect.mat(out, shape(3, 2), new float[]{m0 + 0.5f, m1, m0 + 0.5f, m1, m0 + 0.5f, m1}, 1e-6f);
    }
}

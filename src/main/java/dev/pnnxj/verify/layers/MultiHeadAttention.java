package dev.pnnxj.verify.layers;

import static dev.pnnxj.ncnn.layer.MultiHeadAttention.*;

import dev.pnnxj.verify.Layer;
import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.Mat;
import dev.pnnxj.verify.WeightReader;

import java.util.List;

/**
 * ncnn's MultiHeadAttention without kv cache: params 0 embed_dim, 1 num_heads, 2
 * weight_data_size (embed_dim * qdim), 3 kdim, 4 vdim, 5 attn_mask, 6 scale (default
 * 1/sqrt(embed_dim / num_heads), integer division). Weights: q, k, v projections [embed][qdim /
 * kdim / vdim] (type 0) each followed by its bias (type 1), then the output projection
 * [qdim][embed] and bias. Inputs q [src, qdim], then k and v as the layer's bottom count implies
 * (k = v = q, or k = v, or separate), then the additive mask ([src, dst] or [heads, src, dst]).
 * The q projection, bias included, is multiplied by scale.
 */
final class MultiHeadAttention implements Layer {
    private int embed;
    private int heads;
    private int qdim;
    private int kdim;
    private int vdim;
    private boolean mask;
    private float scale;
    private Dense qProj;
    private Dense kProj;
    private Dense vProj;
    private Dense outProj;

    @Override
    public void loadParams(LayerParams p, int bottoms, int tops) {
        embed = p.getInt(EMBED_DIM, 0);
        heads = p.getInt(NUM_HEADS, 1);
        int weightDataSize = p.getInt(WEIGHT_DATA_SIZE, 0);
        kdim = p.getInt(KDIM, embed);
        vdim = p.getInt(VDIM, embed);
        mask = p.getInt(ATTN_MASK, 0) != 0;
        if (embed <= 0 || heads <= 0 || embed % heads != 0 || weightDataSize <= 0 || weightDataSize % embed != 0) {
            throw new IllegalArgumentException("embed_dim must be a positive multiple of num_heads and divide"
                    + " weight_data_size");
        }
        qdim = weightDataSize / embed;
        scale = p.getFloat(SCALE, (float) (1.0 / Math.sqrt((float) (embed / heads))));
        if (p.getInt(KV_CACHE, 0) != 0) {
            throw new IllegalArgumentException("kv_cache is not supported by the reference executor");
        }
        if (p.getInt(QUANTIZE_TERM, 0) != 0) {
            throw new IllegalArgumentException("quantized MultiHeadAttention is not supported by the reference executor");
        }
        int inputs = bottoms - (mask ? 1 : 0);
        if (inputs < 1 || inputs > 3) {
            throw new IllegalArgumentException("expects 1 to 3 q/k/v inputs plus the mask, got " + bottoms + " bottoms");
        }
    }

    @Override
    public void loadWeights(WeightReader r) {
        qProj = new Dense(r.load(embed * qdim, 0), embed, r.load(embed, 1), null);
        kProj = new Dense(r.load(embed * kdim, 0), embed, r.load(embed, 1), null);
        vProj = new Dense(r.load(embed * vdim, 0), embed, r.load(embed, 1), null);
        outProj = new Dense(r.load(qdim * embed, 0), qdim, r.load(qdim, 1), null);
    }

    @Override
    public List<Mat> forward(List<Mat> inputs) {
        int n = inputs.size() - (mask ? 1 : 0);
        Mat q = inputs.get(0);
        Mat k = inputs.get(n >= 2 ? 1 : 0);
        Mat v = inputs.get(n == 3 ? 2 : n == 2 ? 1 : 0);
        require(q, qdim, "q");
        require(k, kdim, "k");
        require(v, vdim, "v");
        int src = q.h();
        int dst = k.h();
        if (v.h() != dst) {
            throw new IllegalArgumentException("k has " + dst + " rows but v has " + v.h());
        }
        // projections are [seq][embed]; ncnn scales q after adding its bias
        float[] qa = qProj.apply(q.data(), 0, src);
        for (int i = 0; i < qa.length; i++) {
            qa[i] *= scale;
        }
        float[] ka = kProj.apply(k.data(), 0, dst);
        float[] va = vProj.apply(v.data(), 0, dst);
        int dph = embed / heads;
        Mat maskMat = mask ? inputs.get(inputs.size() - 1) : null;
        float[] attended = new float[src * embed];
        float[] scores = new float[dst];
        for (int hd = 0; hd < heads; hd++) {
            for (int i = 0; i < src; i++) {
                for (int j = 0; j < dst; j++) {
                    float s = 0f;
                    for (int l = 0; l < dph; l++) {
                        s += qa[i * embed + hd * dph + l] * ka[j * embed + hd * dph + l];
                    }
                    if (maskMat != null) {
                        int plane = maskMat.dims() == 3 ? hd * src * dst : 0;
                        s += maskMat.data()[plane + i * dst + j];
                    }
                    scores[j] = s;
                }
                Softmax.softmax(scores, new AxisBlocks(1, dst, 1));
                for (int l = 0; l < dph; l++) {
                    float s = 0f;
                    for (int j = 0; j < dst; j++) {
                        s += scores[j] * va[j * embed + hd * dph + l];
                    }
                    attended[i * embed + hd * dph + l] = s;
                }
            }
        }
        return List.of(Mat.of(new int[]{src, qdim}, outProj.apply(attended, 0, src)));
    }

    private static void require(Mat m, int width, String name) {
        if (m.dims() != 2 || m.w() != width) {
            throw new IllegalArgumentException(name + " should be [seq, " + width + "], got " + m.shapeString());
        }
    }
}

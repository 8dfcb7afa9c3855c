package dev.pnnxj.verify.layers;

import static dev.pnnxj.ncnn.layer.MemoryData.*;

import dev.pnnxj.ncnn.layer.Input;
import dev.pnnxj.verify.Layer;
import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.Mat;
import dev.pnnxj.verify.WeightReader;

import java.util.List;

/**
 * ncnn's MemoryData: a constant blob of shape w (0), h (1), d (11), c (2), read with load type
 * param 21 (default 1, raw fp32). The rank is set by the outermost non-zero extent, as in ncnn;
 * all zero gives a single 0.
 */
final class MemoryData implements Layer {
    private int[] shape;
    private int loadType;
    private Mat data;

    @Override
    public void loadParams(LayerParams p, int bottoms, int tops) {
        int w = p.getInt(Input.W, 0);
        int h = p.getInt(Input.H, 0);
        int d = p.getInt(Input.D, 0);
        int c = p.getInt(Input.C, 0);
        loadType = p.getInt(LOAD_TYPE, 1);
        if (d != 0) {
            shape = new int[]{c, d, h, w};
        } else if (c != 0) {
            shape = new int[]{c, h, w};
        } else if (h != 0) {
            shape = new int[]{h, w};
        } else if (w != 0) {
            shape = new int[]{w};
        }
    }

    @Override
    public void loadWeights(WeightReader r) {
        if (shape == null) {
            data = Mat.vector(0f);
            return;
        }
        long n = 1;
        for (int s : shape) {
            if (s <= 0) {
                throw new IllegalArgumentException("MemoryData extents must be positive, got w/h/d/c of "
                        + java.util.Arrays.toString(shape));
            }
            n *= s;
        }
        data = Mat.of(shape, r.load(Math.toIntExact(n), loadType));
    }

    @Override
    public List<Mat> forward(List<Mat> inputs) {
        return List.of(data);
    }
}

package dev.pnnxj.verify.layers;

import static dev.pnnxj.ncnn.layer.Reduction.*;

import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.Mat;

import java.util.ArrayList;
import java.util.List;

/**
 * ncnn's Reduction: param 0 operation (0 sum, 1 asum, 2 sumsq, 3 mean, 4 max, 5 min, 6 prod, 7 L1,
 * 8 L2, 9 log-sum, 10 log-sum-exp), 1 reduce_all (default 1), 2 coeff multiplied into the result
 * (mean divides it by the reduced count), 3 axes (ncnn numbering, negative from the end; a 1-D
 * input always reduces), 4 keepdims, 5 fixbug0 (required with axes, as in ncnn). Max and min
 * start from -FLT_MAX / FLT_MAX as ncnn does, so infinities come out as those limits.
 */
final class Reduction extends SingleInputLayer {
    private int operation;
    private boolean reduceAll;
    private float coeff;
    private int[] axes;
    private boolean keepdims;

    @Override
    public void loadParams(LayerParams p, int bottoms, int tops) {
        operation = p.getInt(OPERATION, 0);
        reduceAll = p.getInt(REDUCE_ALL, 1) != 0;
        coeff = p.getFloat(COEFF, 1f);
        axes = p.getInts(AXES);
        keepdims = p.getInt(KEEPDIMS, 0) != 0;
        if (p.getInt(FIXBUG0, 0) == 0 && axes.length != 0) {
            throw new IllegalArgumentException("axes without 5=1 (fixbug0): ncnn rejects this param as too old");
        }
        if (operation < 0 || operation > 10) {
            throw new IllegalArgumentException("unknown Reduction operation " + operation);
        }
    }

    @Override
    Mat forward(Mat in) {
        int n = in.dims();
        boolean[] reduced = new boolean[n];
        for (int i = 0; i < n; i++) {
            reduced[i] = reduceAll || n == 1;
        }
        if (!reduceAll) {
            for (int a : axes) {
                reduced[AxisBlocks.axis(a, n)] = true;
            }
        }
        int[] shape = in.shape();
        int[] perm = new int[n];
        List<Integer> keptShape = new ArrayList<>();
        int[] keepShape = new int[n];
        int k = 0;
        int count = 1;
        for (int i = 0; i < n; i++) {
            keepShape[i] = reduced[i] ? 1 : shape[i];
            if (!reduced[i]) {
                perm[k++] = i;
                keptShape.add(shape[i]);
            }
        }
        for (int i = 0; i < n; i++) {
            if (reduced[i]) {
                perm[k++] = i;
                count *= shape[i];
            }
        }
        float[] x = Permute.transpose(in, perm).data();
        float[] out = new float[x.length / count];
        for (int o = 0; o < out.length; o++) {
            out[o] = reduce(x, o * count, count);
        }
        float c = operation == 3 ? coeff / count : coeff;
        if (c != 1f) {
            for (int o = 0; o < out.length; o++) {
                out[o] *= c;
            }
        }
        if (keepdims) {
            return Mat.of(keepShape, out);
        }
        int[] outShape = keptShape.isEmpty() ? new int[]{1} : keptShape.stream().mapToInt(Integer::intValue).toArray();
        return Mat.of(outShape, out);
    }

    private float reduce(float[] x, int from, int count) {
        float acc = switch (operation) {
            case 4 -> -Float.MAX_VALUE;
            case 5 -> Float.MAX_VALUE;
            case 6 -> 1f;
            default -> 0f;
        };
        for (int i = from; i < from + count; i++) {
            float v = x[i];
            acc = switch (operation) {
                case 1, 7 -> acc + Math.abs(v);
                case 2, 8 -> acc + v * v;
                case 4 -> acc < v ? v : acc;
                case 5 -> v < acc ? v : acc;
                case 6 -> acc * v;
                case 10 -> acc + (float) Math.exp(v);
                default -> acc + v;
            };
        }
        return switch (operation) {
            case 8 -> (float) Math.sqrt(acc < Float.MIN_NORMAL ? 0f : acc);
            case 9, 10 -> (float) Math.log(acc);
            default -> acc;
        };
    }
}

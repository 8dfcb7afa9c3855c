package dev.pnnxj.verify;

import dev.pnnxj.util.Npy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Moves tensors in and out of batched ncnn blobs: a tensor of {@code n} samples, each of an ncnn
 * blob's shape, laid out sample after sample as pyncnn's {@code batch_index=0} and {@code Mat::n}
 * hold it.
 */
public final class BatchedBlobs {
    private BatchedBlobs() {
    }

    /**
     * An array's values as an ncnn blob holds them: float32 as they are, integers as int32 bit
     * patterns, which is what an int32 Mat (pyncnn's {@code ncnn.Mat(np.int32 array)}) holds and
     * what ncnn's Embed reads as its indices.
     */
    public static float[] words(Npy array) {
        if (array.dtype() == Npy.DType.FLOAT32 || array.dtype() == Npy.DType.FLOAT64) {
            return array.toFloats();
        }
        float[] f = array.toFloats();
        for (int i = 0; i < f.length; i++) {
            f[i] = Float.intBitsToFloat((int) f[i]);
        }
        return f;
    }

    /**
     * Splits row-major data into {@code n} samples of the given ncnn dims.
     *
     * @throws IllegalArgumentException if the data does not hold exactly {@code n} such samples
     */
    public static List<Mat> split(float[] data, int[] dims, int n) {
        long per = 1;
        for (int d : dims) {
            per *= d;
        }
        if (per * n != data.length) {
            throw new IllegalArgumentException(data.length + " values do not fill " + (n == 1 ? "" : n + " samples of ")
                    + "the ncnn blob " + Arrays.toString(dims));
        }
        List<Mat> samples = new ArrayList<>(n);
        for (int b = 0; b < n; b++) {
            samples.add(Mat.of(dims, Arrays.copyOfRange(data, (int) (b * per), (int) ((b + 1) * per))));
        }
        return samples;
    }

    /** The samples' data one after another, as the tensor of shape [n, ...] they stand for. */
    public static float[] join(List<Mat> samples) {
        int total = 0;
        for (Mat m : samples) {
            total += m.total();
        }
        float[] out = new float[total];
        int at = 0;
        for (Mat m : samples) {
            System.arraycopy(m.data(), 0, out, at, m.total());
            at += m.total();
        }
        return out;
    }
}

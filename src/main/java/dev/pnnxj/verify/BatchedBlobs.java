package dev.pnnxj.verify;

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

package dev.pnnxj.verify.layers;

/**
 * Adds a border around each h x w plane of a dense [planes][h][w] array, or each d x h x w
 * volume of a [channels][d][h][w] one: constant (type 0), replicate the edge (type 1) or reflect
 * without repeating the edge (type 2), as ncnn's copy_make_border(_3d) does.
 */
final class Border {
    static final int CONSTANT = 0;
    static final int REPLICATE = 1;
    static final int REFLECT = 2;

    private Border() {
    }

    static float[] pad(float[] in, int planes, int h, int w, int top, int bottom, int left, int right, int type,
                       float value) {
        if (top == 0 && bottom == 0 && left == 0 && right == 0) {
            return in;
        }
        int oh = h + top + bottom;
        int ow = w + left + right;
        float[] out = new float[planes * oh * ow];
        for (int q = 0; q < planes; q++) {
            int ib = q * h * w;
            int ob = q * oh * ow;
            for (int y = 0; y < oh; y++) {
                int sy = source(y - top, h, type);
                for (int x = 0; x < ow; x++) {
                    int sx = source(x - left, w, type);
                    out[ob + y * ow + x] = sy < 0 || sx < 0 ? value : in[ib + sy * w + sx];
                }
            }
        }
        return out;
    }

    /** {@link #pad} of every depth plane, plus {@code front} and {@code behind} planes on each volume. */
    static float[] pad(float[] in, int channels, int d, int h, int w, int front, int behind, int top, int bottom,
                       int left, int right, int type, float value) {
        float[] planes = pad(in, channels * d, h, w, top, bottom, left, right, type, value);
        if (front == 0 && behind == 0) {
            return planes;
        }
        int od = d + front + behind;
        int size = (h + top + bottom) * (w + left + right);
        float[] out = new float[channels * od * size];
        for (int q = 0; q < channels; q++) {
            for (int z = 0; z < od; z++) {
                int sz = source(z - front, d, type);
                int dst = (q * od + z) * size;
                if (sz < 0) {
                    java.util.Arrays.fill(out, dst, dst + size, value);
                } else {
                    System.arraycopy(planes, (q * d + sz) * size, out, dst, size);
                }
            }
        }
        return out;
    }

    /** The source index for position {@code i} of an axis of length n, or -1 for the constant. */
    static int source(int i, int n, int type) {
        if (i >= 0 && i < n) {
            return i;
        }
        switch (type) {
            case CONSTANT:
                return -1;
            case REPLICATE:
                return i < 0 ? 0 : n - 1;
            case REFLECT: {
                int r = Math.abs(i);
                r = (n - 1) - Math.abs(r - (n - 1));
                if (r < 0 || r >= n) {
                    throw new IllegalArgumentException("reflect padding of " + Math.max(-i, i - n + 1)
                            + " is too large for an axis of " + n);
                }
                return r;
            }
            default:
                throw new IllegalArgumentException("unknown padding type " + type);
        }
    }
}

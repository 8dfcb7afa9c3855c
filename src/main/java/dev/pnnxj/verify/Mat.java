package dev.pnnxj.verify;

import java.util.Arrays;

/**
 * An ncnn blob for the reference executor: 1 to 4 dims, fp32, densely packed (no channel-step
 * padding). {@link #shape()} lists extents outermost first, which is also ncnn's axis numbering:
 * 1-D [w], 2-D [h, w], 3-D [c, h, w], 4-D [c, d, h, w]. The data is row-major over that shape.
 * Mats are treated as immutable: layers never write into an input's array, so reshapes share data.
 */
public final class Mat {
    private final int[] shape;
    private final float[] data;

    private Mat(int[] shape, float[] data) {
        if (shape.length < 1 || shape.length > 4) {
            throw new IllegalArgumentException("ncnn blobs have 1 to 4 dims, not " + shape.length
                    + " " + Arrays.toString(shape));
        }
        long n = 1;
        for (int s : shape) {
            if (s <= 0) {
                throw new IllegalArgumentException("non-positive extent in shape " + Arrays.toString(shape));
            }
            n *= s;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n
                    + " values but " + data.length + " were given");
        }
        this.shape = shape;
        this.data = data;
    }

    /** A Mat over {@code data} (not copied) with the given outermost-first shape. */
    public static Mat of(int[] shape, float[] data) {
        return new Mat(shape.clone(), data);
    }

    public static Mat zeros(int... shape) {
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        return new Mat(shape.clone(), new float[Math.toIntExact(Math.max(n, 0))]);
    }

    public static Mat vector(float... values) {
        return new Mat(new int[]{values.length}, values);
    }

    public int dims() {
        return shape.length;
    }

    /** Extents outermost first (ncnn axis order); a copy. */
    public int[] shape() {
        return shape.clone();
    }

    public int extent(int axis) {
        return shape[axis];
    }

    public int w() {
        return shape[shape.length - 1];
    }

    public int h() {
        return shape.length >= 2 ? shape[shape.length - 2] : 1;
    }

    public int d() {
        return shape.length == 4 ? shape[1] : 1;
    }

    public int c() {
        return shape.length >= 3 ? shape[0] : 1;
    }

    /** The backing array; callers must not modify it. */
    public float[] data() {
        return data;
    }

    public int total() {
        return data.length;
    }

    /**
     * Channels as ncnn's per-channel layers (BatchNorm, PReLU, GroupNorm...) see them: w for 1-D,
     * h for 2-D, c for 3-D and 4-D, which is always the outermost extent.
     */
    public int channels() {
        return shape[0];
    }

    /** Elements per channel in the sense of {@link #channels()}. */
    public int channelSize() {
        return data.length / channels();
    }

    /** The same data under another shape with the same element count. */
    public Mat reshape(int... newShape) {
        return new Mat(newShape.clone(), data);
    }

    public boolean sameShape(Mat o) {
        return Arrays.equals(shape, o.shape);
    }

    /** Shape in ncnn's terms, e.g. {@code [c=3 h=4 w=5]}. */
    public String shapeString() {
        String[] names = switch (shape.length) {
            case 1 -> new String[]{"w"};
            case 2 -> new String[]{"h", "w"};
            case 3 -> new String[]{"c", "h", "w"};
            default -> new String[]{"c", "d", "h", "w"};
        };
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : " ").append(names[i]).append('=').append(shape[i]);
        }
        return sb.append(']').toString();
    }

    @Override
    public String toString() {
        return "Mat" + shapeString();
    }
}

package dev.pnnxj.verify.layers;

import static dev.pnnxj.ncnn.layer.Tile.*;

import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.Mat;

/**
 * ncnn's Tile. With param 2 repeats (numpy style) the counts line up with the axes from w: one
 * count is w; two are h, w; three are d, h, w on a 4-D blob and c, h, w otherwise; four are c, d,
 * h, w. Without it, param 1 tiles repeats the single axis param 0 names (0 = outermost; a 1-D blob
 * ignores the axis, and an axis a larger blob lacks repeats nothing). The result has max(dims, count) dims, each extent multiplied by its
 * count (a missing input axis counting as 1), and is the input repeated block by block.
 */
final class Tile extends SingleInputLayer {
    /** For a blob of n dims, the c, d, h, w slot (0..3) of each of its axes, outermost first. */
    private static final int[][] SLOTS = {{}, {3}, {2, 3}, {0, 2, 3}, {0, 1, 2, 3}};

    private int axis;
    private int tiles;
    private int[] repeats;

    @Override
    public void loadParams(LayerParams p, int bottoms, int tops) {
        axis = p.getInt(AXIS, 0);
        tiles = p.getInt(TILES, 1);
        repeats = p.getInts(REPEATS);
        if (repeats.length > 4) {
            throw new IllegalArgumentException("Tile has " + repeats.length + " repeats; ncnn blobs have at most 4 dims");
        }
    }

    @Override
    Mat forward(Mat in) {
        int dims = in.dims();
        int[] cdhw = {1, 1, 1, 1};
        if (repeats.length == 0) {
            if (dims == 1 || axis >= 0 && axis < dims) {
                cdhw[SLOTS[dims][dims == 1 ? 0 : axis]] = tiles;
            }
        } else {
            int[] slots = repeats.length == 3 && dims == 4 ? new int[]{1, 2, 3} : SLOTS[repeats.length];
            for (int i = 0; i < repeats.length; i++) {
                cdhw[slots[i]] = repeats[i];
            }
        }
        int[] src = {in.c(), in.d(), in.h(), in.w()};
        int[] dst = new int[4];
        for (int i = 0; i < 4; i++) {
            if (cdhw[i] <= 0) {
                throw new IllegalArgumentException("Tile repeat count " + cdhw[i] + " is not positive");
            }
            dst[i] = src[i] * cdhw[i];
        }
        int outDims = Math.max(dims, repeats.length);
        float[] x = in.data();
        float[] out = new float[dst[0] * dst[1] * dst[2] * dst[3]];
        int o = 0;
        for (int q = 0; q < dst[0]; q++) {
            for (int z = 0; z < dst[1]; z++) {
                for (int y = 0; y < dst[2]; y++) {
                    int row = ((q % src[0] * src[1] + z % src[1]) * src[2] + y % src[2]) * src[3];
                    for (int i = 0; i < dst[3]; i++) {
                        out[o++] = x[row + i % src[3]];
                    }
                }
            }
        }
        return Mat.of(shape(dst, outDims), out);
    }

    /** The c, d, h, w extents as an outermost-first shape of {@code dims} dims. */
    private static int[] shape(int[] cdhw, int dims) {
        return switch (dims) {
            case 1 -> new int[]{cdhw[3]};
            case 2 -> new int[]{cdhw[2], cdhw[3]};
            case 3 -> new int[]{cdhw[0], cdhw[2], cdhw[3]};
            default -> cdhw.clone();
        };
    }
}

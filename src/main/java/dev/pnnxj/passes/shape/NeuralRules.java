package dev.pnnxj.passes.shape;

import static dev.pnnxj.ir.Shape.UNKNOWN;
import static dev.pnnxj.passes.shape.ShapeRule.set;

import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Shape rules of the network layers: convolution, pooling, dense, normalisation, recurrent. */
final class NeuralRules {
    private NeuralRules() {
    }

    static void conv(Node n) {
        Shape w = n.input(1).shape();
        int k = WindowShapes.kernel(n, w).length;
        Shape x = n.input(0).shape();
        checkGroups(n, channels(x, k), w.dim(1), w.dim(0), "output");
        Shape y = WindowShapes.forward(n, n.input(0).shape(), w.dim(0), WindowShapes.kernel(n, w), false);
        set(n, 0, n.input(0).dtype(), y);
    }

    static void convTranspose(Node n) {
        Shape w = n.input(1).shape();
        int k = WindowShapes.kernel(n, w).length;
        Shape x = n.input(0).shape();
        checkGroups(n, channels(x, k), w.dim(0), w.dim(0), "input");
        int channels = Dims.mul(w.dim(1), (int) n.getInt("group", 1));
        set(n, 0, n.input(0).dtype(), WindowShapes.transposed(n, n.input(0).shape(), channels, WindowShapes.kernel(n, w)));
    }

    /** The channel dim of a window op's input, unknown when its rank is wrong (reported by the shape rule). */
    private static int channels(Shape x, int spatial) {
        if (x.rank() < spatial + 1) {
            return Shape.UNKNOWN;
        }
        return x.dim(WindowShapes.unbatched(x, spatial) ? 0 : 1);
    }

    /**
     * Refuses a weight that does not fit the input: {@code group} must be positive and divide the
     * input channels, each group must see as many channels as the weight holds per group, and the
     * weight's grouped axis ({@code divided}: Conv's output, ConvTranspose's input channels) must
     * split into whole groups. Unknown dims are not checked.
     */
    private static void checkGroups(Node n, int channels, int perGroup, int divided, String dividedName) {
        long group = n.getInt("group", 1);
        if (group <= 0) {
            throw new IllegalArgumentException("group=" + group + " is not a positive number of groups");
        }
        if (divided != Shape.UNKNOWN && divided % group != 0) {
            throw new IllegalArgumentException("the weight's " + divided + " " + dividedName
                    + " channels do not divide into group=" + group);
        }
        if (channels == Shape.UNKNOWN || perGroup == Shape.UNKNOWN) {
            return;
        }
        if (channels % group != 0) {
            throw new IllegalArgumentException("the input's " + channels + " channels do not divide into group=" + group);
        }
        if (n.op().equals("Conv") && channels / group != perGroup) {
            throw new IllegalArgumentException("the input has " + channels + " channels but the weight "
                    + n.input(1).shape() + " takes " + perGroup + " per group x group=" + group
                    + "; the model is invalid, re-export it");
        }
        if (n.op().equals("ConvTranspose") && channels != divided) {
            throw new IllegalArgumentException("the input has " + channels + " channels but the weight "
                    + n.input(1).shape() + " takes " + divided + "; the model is invalid, re-export it");
        }
    }

    /** MaxPool, AveragePool, LpPool; MaxPool's optional second output holds int64 indices. */
    static void pool(Node n) {
        Shape x = n.input(0).shape();
        int[] kernel = WindowShapes.kernel(n, null);
        int channels = x.dim(WindowShapes.unbatched(x, kernel.length) ? 0 : 1);
        Shape y = WindowShapes.forward(n, x, channels, kernel, n.getInt("ceil_mode", 0) != 0);
        set(n, 0, n.input(0).dtype(), y);
        set(n, 1, DType.INT64, y);
    }

    static void globalPool(Node n) {
        int[] d = n.input(0).shape().dims();
        Arrays.fill(d, 2, d.length, 1);
        set(n, 0, n.input(0).dtype(), Shape.of(d));
    }

    /** AdaptiveAveragePool / AdaptiveMaxPool: the spatial axes become output_size. */
    static void adaptivePool(Node n) {
        int[] d = n.input(0).shape().dims();
        long[] size = n.getInts("output_size");
        if (size.length != d.length - 2) {
            throw new IllegalArgumentException("output_size " + Arrays.toString(size) + " for input " + n.input(0).shape());
        }
        for (int i = 0; i < size.length; i++) {
            d[2 + i] = Math.toIntExact(size[i]);
        }
        set(n, 0, n.input(0).dtype(), Shape.of(d));
    }

    /** GridSample: X [N,C,spatial..] sampled at grid [N,out spatial..,k] gives [N,C,out spatial..]. */
    static void gridSample(Node n) {
        int[] x = n.input(0).shape().dims();
        int[] grid = n.input(1).shape().dims();
        if (grid.length != x.length) {
            throw new IllegalArgumentException("GridSample of " + n.input(0).shape() + " at grid " + n.input(1).shape());
        }
        int[] y = new int[x.length];
        y[0] = x[0];
        y[1] = x[1];
        System.arraycopy(grid, 1, y, 2, x.length - 2);
        set(n, 0, n.input(0).dtype(), Shape.of(y));
    }

    static void gemm(Node n) {
        Shape a = n.input(0).shape();
        Shape b = n.input(1).shape();
        if (a.rank() != 2 || b.rank() != 2) {
            throw new IllegalArgumentException("Gemm needs 2-D inputs, got " + a + " and " + b);
        }
        int m = n.getInt("transA", 0) != 0 ? a.dim(1) : a.dim(0);
        int cols = n.getInt("transB", 0) != 0 ? b.dim(0) : b.dim(1);
        set(n, 0, n.input(0).dtype(), Shape.of(m, cols));
    }

    /** numpy matmul: 1-D operands gain and then lose an axis, batch axes broadcast. */
    static void matMul(Node n) {
        Shape a = n.input(0).shape();
        Shape b = n.input(1).shape();
        if (a.rank() == 0 || b.rank() == 0) {
            throw new IllegalArgumentException("MatMul of a scalar: " + a + " and " + b);
        }
        int[] ad = a.rank() == 1 ? new int[] {1, a.dim(0)} : a.dims();
        int[] bd = b.rank() == 1 ? new int[] {b.dim(0), 1} : b.dims();
        int k1 = ad[ad.length - 1];
        int k2 = bd[bd.length - 2];
        if (k1 != UNKNOWN && k2 != UNKNOWN && k1 != k2) {
            throw new IllegalArgumentException("MatMul of " + a + " and " + b);
        }
        Shape batch = Broadcast.shape(Shape.of(Arrays.copyOf(ad, ad.length - 2)), Shape.of(Arrays.copyOf(bd, bd.length - 2)));
        List<Integer> out = new ArrayList<>();
        for (int d : batch.dims()) {
            out.add(d);
        }
        if (a.rank() > 1) {
            out.add(ad[ad.length - 2]);
        }
        if (b.rank() > 1) {
            out.add(bd[bd.length - 1]);
        }
        set(n, 0, n.input(0).dtype(), Shape.of(out.stream().mapToInt(Integer::intValue).toArray()));
    }

    /** Y like X; the optional Mean and InvStdDev keep X's leading axes and 1 from {@code axis} on. */
    static void layerNorm(Node n) {
        Shape x = n.input(0).shape();
        set(n, 0, n.input(0).dtype(), x);
        int axis = Dims.axis(n.getInt("axis", -1), x.rank());
        int[] stat = x.dims();
        Arrays.fill(stat, axis, stat.length, 1);
        DType stash = DType.fromOnnx(n.getInt("stash_type", 1));
        set(n, 1, stash, Shape.of(stat));
        set(n, 2, stash, Shape.of(stat));
    }

    /**
     * LSTM, GRU, RNN: Y is [seq, dirs, batch, hidden] ([batch, seq, dirs, hidden] with layout 1),
     * Y_h and Y_c are [dirs, batch, hidden] ([batch, dirs, hidden]).
     */
    static void recurrent(Node n) {
        Shape x = sequence(n);
        boolean batchFirst = n.getInt("layout", 0) != 0;
        int seq = x.dim(batchFirst ? 1 : 0);
        int batch = x.dim(batchFirst ? 0 : 1);
        int dirs = directions(n);
        int hidden = hiddenSize(n);
        int out = outputSize(n, hidden);
        DType t = n.input(0).dtype();
        set(n, 0, t, batchFirst ? Shape.of(batch, seq, dirs, out) : Shape.of(seq, dirs, batch, out));
        set(n, 1, t, batchFirst ? Shape.of(batch, dirs, out) : Shape.of(dirs, batch, out));
        set(n, 2, t, batchFirst ? Shape.of(batch, dirs, hidden) : Shape.of(dirs, batch, hidden));
    }

    /** pnnx-j's BatchFirstLSTM/GRU/RNN: X [batch, seq, input] → Y [batch, seq, dirs*hidden]. */
    static void batchFirstRecurrent(Node n) {
        Shape x = sequence(n);
        int dirs = directions(n);
        int hidden = hiddenSize(n);
        int out = outputSize(n, hidden);
        DType t = n.input(0).dtype();
        set(n, 0, t, Shape.of(x.dim(0), x.dim(1), Dims.mul(dirs, out)));
        set(n, 1, t, Shape.of(x.dim(0), dirs, out));
        set(n, 2, t, Shape.of(x.dim(0), dirs, hidden));
    }

    /** The width of Y and Y_h: an LSTM's projection (pnnx-j's input 8, [dirs, proj, hidden]) or the hidden size. */
    private static int outputSize(Node n, int hidden) {
        Value projection = n.input(8);
        return projection != null && projection.shape() != null ? projection.shape().dim(1) : hidden;
    }

    private static Shape sequence(Node n) {
        Shape x = n.input(0).shape();
        if (x.rank() != 3) {
            throw new IllegalArgumentException(n.op() + " input " + x + " is not 3-D");
        }
        return x;
    }

    private static int directions(Node n) {
        return n.getString("direction", "forward").equals("bidirectional") ? 2 : 1;
    }

    private static int hiddenSize(Node n) {
        Value projection = n.input(8);
        return n.has("hidden_size") ? Dims.of(n.getInt("hidden_size", 0))
                : projection != null ? projection.shape().dim(2) : n.input(2).shape().dim(2);
    }
}

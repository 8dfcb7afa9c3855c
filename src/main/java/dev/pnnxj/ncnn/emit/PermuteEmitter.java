package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.Lowering;
import dev.pnnxj.ncnn.NcnnAxes;
import dev.pnnxj.ncnn.layer.Permute;
import dev.pnnxj.ncnn.layer.Reshape;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * ONNX Transpose → ncnn Permute. A transpose that only moves size-1 axes leaves the data in
 * place and is lowered as a reshape; otherwise the batch axis must stay first and the remaining
 * axes give ncnn's order_type.
 */
public final class PermuteEmitter implements Emitter {
    /**
     * ncnn's order_type codes by rank: entry k names the output axes innermost first (w, h, d, c)
     * by the input axis each one takes.
     */
    private static final List<List<String>> ORDER_TYPES = List.of(
            List.of(),
            List.of(),
            List.of("WH", "HW"),
            List.of("WHC", "HWC", "WCH", "CWH", "HCW", "CHW"),
            List.of("WHDC", "HWDC", "WDHC", "DWHC", "HDWC", "DHWC", "WHCD", "HWCD", "WCHD", "CWHD", "HCWD",
                    "CHWD", "WDCH", "DWCH", "WCDH", "CWDH", "DCWH", "CDWH", "HDCW", "DHCW", "HCDW", "CHDW",
                    "DCHW", "CDHW"));
    /** ncnn axis names by rank, outermost first. */
    private static final List<String> AXIS_NAMES = List.of("", "W", "HW", "CHW", "CDHW");

    @Override
    public Set<String> layerTypes() {
        return Set.of(Permute.TYPE, Reshape.TYPE);
    }

    @Override
    public void emit(Node node, Lowering ctx) {
        Value in = node.input(0);
        int rank = ctx.rank(in);
        Shape shape = in.shape();
        long[] perm = perm(node, shape.rank());
        if (NcnnAxes.keepsDataOrder(shape, perm)) {
            Reshapes.reshapeOrAlias(node, ctx);
            return;
        }
        // with the batch axis kept on both sides it is one more ncnn axis to order
        boolean bothKeepAxis0 = ctx.keepsAxis0(in) && ctx.keepsAxis0(node.output(0));
        if (perm[0] != 0 && !bothKeepAxis0) {
            throw new Unsupported("perm " + Arrays.toString(perm) + " moves the batch axis, which ncnn drops");
        }
        String names = AXIS_NAMES.get(rank);
        StringBuilder innermostFirst = new StringBuilder();
        for (int j = perm.length - 1; j >= (bothKeepAxis0 ? 0 : 1); j--) {
            innermostFirst.append(names.charAt(ctx.axis(in, perm[j])));
        }
        int orderType = ORDER_TYPES.get(rank).indexOf(innermostFirst.toString());
        ctx.unary(Permute.TYPE, node).params.put(Permute.ORDER_TYPE, orderType);
    }

    private static long[] perm(Node node, int rank) {
        long[] perm = node.getInts("perm");
        if (perm == null) {
            perm = new long[rank];
            for (int i = 0; i < rank; i++) {
                perm[i] = rank - 1 - i;
            }
        }
        if (perm.length != rank) {
            throw new Unsupported("perm " + Arrays.toString(perm) + " does not match rank " + rank);
        }
        return perm;
    }
}

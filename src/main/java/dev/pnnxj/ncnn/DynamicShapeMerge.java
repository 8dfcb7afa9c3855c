package dev.pnnxj.ncnn;

import dev.pnnxj.ConversionException;
import dev.pnnxj.ncnn.layer.Crop;
import dev.pnnxj.ncnn.layer.Input;
import dev.pnnxj.ncnn.layer.Interp;
import dev.pnnxj.ncnn.layer.Param;
import dev.pnnxj.ncnn.layer.Reshape;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * pnnx's {@code inputshape2=}: the same model lowered at two input sizes becomes one ncnn
 * network in which whatever differs stays dynamic. The two networks must have the same layers,
 * blobs and weights; params that agree are kept, and params that differ are rewritten into the
 * form ncnn resolves at run time: Input without fixed dims, Reshape with -1 (or 0, "as the
 * input"), Interp by scale instead of output size, Crop bounds counted from the end (-233 for
 * "to the end"). Any other difference is an error naming the layer, since no single ncnn layer
 * could serve both sizes.
 */
public final class DynamicShapeMerge {
    private DynamicShapeMerge() {
    }

    /** Merges {@code b} into {@code a} and returns {@code a}. */
    public static NcnnModel merge(NcnnModel a, NcnnModel b) {
        if (a.layers.size() != b.layers.size()) {
            throw new ConversionException("inputshape2= gives a network of " + b.layers.size()
                    + " layers, inputshape= one of " + a.layers.size()
                    + ": the model's structure depends on the input size, so it cannot stay dynamic");
        }
        for (int i = 0; i < a.layers.size(); i++) {
            NcnnLayer la = a.layers.get(i);
            NcnnLayer lb = b.layers.get(i);
            sameStructure(la, lb);
            sameWeights(la, lb);
            if (!la.params.toParamString().equals(lb.params.toParamString())) {
                mergeParams(a, b, la, lb);
            }
        }
        for (String in : a.inputs.keySet()) {
            a.exampleInputShapes.put(in, a.blobShapes.get(in));
        }
        for (Map.Entry<String, int[]> e : a.blobShapes.entrySet()) {
            int[] other = b.blobShapes.get(e.getKey());
            if (other != null) {
                e.setValue(dynamicDims(e.getValue(), other));
            }
        }
        return a;
    }

    private static void sameStructure(NcnnLayer la, NcnnLayer lb) {
        if (!la.type().equals(lb.type()) || !la.name().equals(lb.name())
                || !la.bottoms.equals(lb.bottoms) || !la.tops.equals(lb.tops)) {
            throw new ConversionException("inputshape2= changes the network at layer " + la
                    + " (" + lb + " at the second size): the model's structure depends on the input size");
        }
    }

    private static void sameWeights(NcnnLayer la, NcnnLayer lb) {
        boolean same = la.weights.size() == lb.weights.size();
        for (int i = 0; same && i < la.weights.size(); i++) {
            Weight wa = la.weights.get(i);
            Weight wb = lb.weights.get(i);
            same = wa.flagged() == wb.flagged() && wa.fp32() == wb.fp32() && Objects.equals(wa.data().shape(), wb.data().shape())
                    && wa.data().dtype() == wb.data().dtype() && bytes(wa).equals(bytes(wb));
        }
        if (!same) {
            throw new ConversionException("layer " + la + " has different weights at the two input sizes; "
                    + "weights that depend on the input size cannot stay dynamic");
        }
    }

    private static ByteBuffer bytes(Weight w) {
        return w.data().bytes().duplicate().rewind();
    }

    private static void mergeParams(NcnnModel a, NcnnModel b, NcnnLayer la, NcnnLayer lb) {
        switch (la.type()) {
            case Input.TYPE -> {
                Input.WHDC.forEach(la.params::remove);
                requireSameRest(la, lb, Input.WHDC);
            }
            case Reshape.TYPE -> mergeReshape(a, b, la, lb);
            case Interp.TYPE -> mergeInterp(a, b, la, lb);
            case Crop.TYPE -> mergeCrop(a, b, la, lb);
            default -> requireSameRest(la, lb, List.of());
        }
    }

    /** Differing target dims become 0 where they equal the input's dim at that position, else -1 (once). */
    private static void mergeReshape(NcnnModel a, NcnnModel b, NcnnLayer la, NcnnLayer lb) {
        int[] inA = shapeOf(a, la.bottoms.get(0));
        int[] inB = shapeOf(b, lb.bottoms.get(0));
        List<Param.Int> dims = Reshape.WHDC;
        boolean restUsed = false;
        for (int k = 0; k < dims.size(); k++) {
            int va = la.params.getInt(dims.get(k));
            int vb = lb.params.getInt(dims.get(k));
            if (va == vb) {
                continue;
            }
            // ncnn's 0 copies the input's dim at the same w/h/d/c position
            if (va == whdcAt(inA, k) && vb == whdcAt(inB, k)) {
                la.params.put(dims.get(k), 0);
            } else if (!restUsed) {
                la.params.put(dims.get(k), -1);
                restUsed = true;
            } else {
                throw cannot(la, "more than one target dim changes with the input size and ncnn Reshape takes one -1");
            }
        }
        requireSameRest(la, lb, dims);
    }

    /** An output size that differs becomes the scale out/in, which must be the same at both sizes. */
    private static void mergeInterp(NcnnModel a, NcnnModel b, NcnnLayer la, NcnnLayer lb) {
        int[] inA = shapeOf(a, la.bottoms.get(0));
        int[] inB = shapeOf(b, lb.bottoms.get(0));
        int[] outA = shapeOf(a, la.tops.get(0));
        int[] outB = shapeOf(b, lb.tops.get(0));
        if (inA.length < 2 || inA.length != inB.length) {
            throw cannot(la, "its input rank is not that of an image");
        }
        float hs = scale(la, inA, inB, outA, outB, inA.length - 2);
        float ws = scale(la, inA, inB, outA, outB, inA.length - 1);
        la.params.remove(Interp.OUTPUT_HEIGHT);
        la.params.remove(Interp.OUTPUT_WIDTH);
        la.params.put(Interp.HEIGHT_SCALE, hs).put(Interp.WIDTH_SCALE, ws);
        requireSameRest(la, lb, List.of(Interp.HEIGHT_SCALE, Interp.WIDTH_SCALE, Interp.OUTPUT_HEIGHT, Interp.OUTPUT_WIDTH));
    }

    private static float scale(NcnnLayer l, int[] inA, int[] inB, int[] outA, int[] outB, int axis) {
        if ((long) outA[axis] * inB[axis] != (long) outB[axis] * inA[axis]) {
            throw cannot(l, "its output size is not the same multiple of the input size at both sizes ("
                    + inA[axis] + "->" + outA[axis] + ", " + inB[axis] + "->" + outB[axis] + ")");
        }
        float s = (float) outA[axis] / inA[axis];
        // ncnn computes the output size as (int)(in * scale)
        if ((int) (inA[axis] * s) != outA[axis] || (int) (inB[axis] * s) != outB[axis]) {
            throw cannot(l, "scale " + s + " does not give the exact output sizes in ncnn");
        }
        return s;
    }

    /** Crop bounds that differ are kept counted from the end of the axis; -233 means "to the end". */
    private static void mergeCrop(NcnnModel a, NcnnModel b, NcnnLayer la, NcnnLayer lb) {
        int[] axes = la.params.getInts(Crop.AXES);
        if (axes == null || !Arrays.equals(axes, lb.params.getInts(Crop.AXES))) {
            throw cannot(la, "its crop axes or form differ");
        }
        int[] inA = shapeOf(a, la.bottoms.get(0));
        int[] inB = shapeOf(b, lb.bottoms.get(0));
        for (Param.IntArray bound : List.of(Crop.STARTS, Crop.ENDS)) {
            int[] va = la.params.getInts(bound);
            int[] vb = lb.params.getInts(bound);
            int[] merged = va.clone();
            for (int k = 0; k < va.length; k++) {
                if (va[k] == vb[k]) {
                    continue;
                }
                int fromEndA = va[k] - inA[axes[k]];
                int fromEndB = vb[k] - inB[axes[k]];
                if (fromEndA != fromEndB) {
                    throw cannot(la, "its crop bound on axis " + axes[k] + " is neither fixed nor fixed from the end");
                }
                merged[k] = fromEndA == 0 && bound == Crop.ENDS ? -233 : fromEndA;
            }
            la.params.put(bound, merged);
        }
        requireSameRest(la, lb, List.of(Crop.STARTS, Crop.ENDS));
    }

    private static void requireSameRest(NcnnLayer la, NcnnLayer lb, List<? extends Param> handled) {
        java.util.Set<Integer> ids = new java.util.TreeSet<>(la.params.ids());
        ids.addAll(lb.params.ids());
        handled.forEach(p -> ids.remove(p.id()));
        for (int id : ids) {
            Object va = la.params.get(id);
            Object vb = lb.params.get(id);
            if (!Objects.deepEquals(va, vb)) {
                throw cannot(la, "param " + id + " is " + show(va) + " at one input size and " + show(vb)
                        + " at the other, and ncnn has no dynamic form for it");
            }
        }
    }

    private static String show(Object v) {
        if (v instanceof int[] a) {
            return Arrays.toString(a);
        }
        if (v instanceof float[] f) {
            return Arrays.toString(f);
        }
        return String.valueOf(v);
    }

    private static ConversionException cannot(NcnnLayer l, String why) {
        return new ConversionException("inputshape2=: layer " + l + " cannot stay dynamic: " + why);
    }

    /** The input dim ncnn's Reshape copies for a 0 at w/h/d/c position k: a missing axis counts as 1. */
    private static int whdcAt(int[] dims, int k) {
        int r = dims.length;
        return switch (k) {
            case 0 -> dims[r - 1];
            case 1 -> r >= 2 ? dims[r - 2] : 1;
            case 2 -> r == 4 ? dims[1] : 1;
            default -> r >= 3 ? dims[0] : 1;
        };
    }

    private static int[] shapeOf(NcnnModel m, String blob) {
        int[] s = m.blobShapes.get(blob);
        if (s == null) {
            throw new ConversionException("inputshape2=: the shape of blob " + blob + " is not known");
        }
        return s;
    }

    private static int[] dynamicDims(int[] a, int[] b) {
        if (a.length != b.length) {
            return a;
        }
        int[] out = a.clone();
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                out[i] = -1;
            }
        }
        return out;
    }
}

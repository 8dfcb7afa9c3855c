package dev.pnnxj.passes.fold;

import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.passes.shape.Dims;
import dev.pnnxj.passes.shape.LayoutShapes;
import dev.pnnxj.passes.shape.ShapeRules;
import java.util.List;

/** Kernels that make new tensors: Shape, Size, ConstantOfShape, Range, Cast. */
final class CreationKernels {
    private CreationKernels() {
    }

    /** Shape's output for an input shape, or null when a dim in its start/end range is unknown. */
    static Tensor shapeOf(Node n, Shape s) {
        int[] range = LayoutShapes.shapeRange(s.rank(), n.getInt("start", 0), n.getInt("end", s.rank()));
        long[] dims = new long[range[1] - range[0]];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = s.dim(range[0] + i);
            if (dims[i] == Shape.UNKNOWN) {
                return null;
            }
        }
        return Tensor.ofLongs(Shape.of(dims.length), dims);
    }

    /** Size's output for an input shape, or null when the shape is not fully known. */
    static Tensor sizeOf(Node n, Shape s) {
        return s.isKnown() ? Tensor.ofLongs(Shape.SCALAR, s.numel()) : null;
    }

    /** Fills the shape from input 0 with the value attribute (a float 0 by default). */
    static List<Tensor> constantOfShape(Node n, List<Tensor> in) {
        Tensor value = n.getTensor("value");
        if (value == null) {
            value = Tensor.ofFloats(Shape.SCALAR, 0f);
        }
        Shape out = Dims.shape(in.get(0).toLongs());
        return List.of(Elements.pick(value, out, new int[Math.toIntExact(out.numel())]));
    }

    /** {@code start + i * delta} in start's type, exact for integers. */
    static List<Tensor> range(Node n, List<Tensor> in) {
        Tensor start = in.get(0);
        int len = LayoutShapes.rangeLength(start.scalar(), in.get(1).scalar(), in.get(2).scalar());
        Shape out = Shape.of(len);
        if (start.dtype().isFloating()) {
            double s = start.scalar();
            double d = in.get(2).scalar();
            double[] v = new double[len];
            for (int i = 0; i < len; i++) {
                v[i] = s + i * d;
            }
            return List.of(Tensor.ofDoubles(start.dtype(), out, v));
        }
        long s = start.toLongs()[0];
        long d = in.get(2).toLongs()[0];
        long[] v = new long[len];
        for (int i = 0; i < len; i++) {
            v[i] = s + i * d;
        }
        return List.of(Elements.ofLongs(start.dtype(), out, v));
    }

    /** Cast: floats truncate toward zero into integers; integers convert exactly; bool is v != 0. */
    static List<Tensor> cast(Node n, List<Tensor> in) {
        Tensor x = in.get(0);
        DType to = ShapeRules.castType(n);
        if (to == x.dtype()) {
            return List.of(x);
        }
        return List.of(x.dtype().isFloating()
                ? Tensor.ofDoubles(to, x.shape(), x.toDoubles())
                : Elements.ofLongs(to, x.shape(), x.toLongs()));
    }
}

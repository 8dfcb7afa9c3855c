package dev.pnnxj.frontend.onnx;

import dev.pnnxj.ConversionException;
import dev.pnnxj.frontend.onnx.proto.Onnx.AttributeProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.NodeProto;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;

/**
 * The tensor an ONNX {@code Constant} node produces. The reader turns such nodes into constant
 * values rather than IR nodes, so later passes see the data the same way as an initializer's.
 */
final class ConstantNode {
    private ConstantNode() {
    }

    /**
     * Reads {@code value} (a tensor), {@code value_float} / {@code value_int} (scalars of float32 /
     * int64) or {@code value_floats} / {@code value_ints} (1-D tensors).
     */
    static Tensor value(NodeProto node, String nodeName, TensorReader tensors) {
        if (node.getAttributeCount() != 1) {
            throw new ConversionException("Constant node '" + nodeName + "' has " + node.getAttributeCount()
                    + " attributes, but a Constant holds exactly one value: the model is invalid; re-export it");
        }
        AttributeProto a = node.getAttribute(0);
        boolean dense = switch (a.getName()) {
            case "value", "value_float", "value_floats", "value_int", "value_ints" -> true;
            default -> false;
        };
        Object v = dense ? OnnxAttributes.value(a, nodeName, tensors) : null;
        if (v instanceof Tensor t) {
            return t;
        } else if (v instanceof Float f) {
            return Tensor.ofFloats(Shape.SCALAR, f);
        } else if (v instanceof Long l) {
            return Tensor.ofLongs(Shape.SCALAR, l);
        } else if (v instanceof float[] fs) {
            return Tensor.ofFloats(Shape.of(fs.length), fs);
        } else if (v instanceof long[] ls) {
            return Tensor.ofLongs(Shape.of(ls.length), ls);
        }
        throw new ConversionException("Constant node '" + nodeName + "' holds a '" + a.getName()
                + "' value, which pnnx-j cannot convert (only dense numeric constants are supported):"
                + " replace it with a dense float or integer tensor in the source model");
    }
}

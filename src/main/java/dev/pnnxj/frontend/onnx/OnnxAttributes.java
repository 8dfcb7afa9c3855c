package dev.pnnxj.frontend.onnx;

import dev.pnnxj.ConversionException;
import dev.pnnxj.frontend.onnx.proto.Onnx.AttributeProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.AttributeProto.AttributeType;
import dev.pnnxj.ir.Node;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * ONNX node attributes as IR attribute values: FLOAT → Float, INT → Long, STRING → String
 * (UTF-8), FLOATS → float[], INTS → long[], STRINGS → String[], TENSOR → Tensor. A GRAPH or
 * GRAPHS attribute (the bodies of If, Loop, Scan) is not read; the node gets {@code subgraph =
 * true} instead, so lowering can name it as unsupported.
 */
final class OnnxAttributes {
    /** The IR attribute that marks a node carrying a subgraph. */
    static final String SUBGRAPH = "subgraph";

    private OnnxAttributes() {
    }

    /** Sets each of an ONNX node's attributes on the IR node made from it. */
    static void copy(Iterable<AttributeProto> attrs, Node node, TensorReader tensors) {
        for (AttributeProto a : attrs) {
            AttributeType type = type(a);
            if (type == AttributeType.GRAPH || type == AttributeType.GRAPHS) {
                node.set(SUBGRAPH, true);
            } else {
                node.set(a.getName(), value(a, node.name(), tensors));
            }
        }
    }

    /** One attribute's value; {@code nodeName} is for messages. */
    static Object value(AttributeProto a, String nodeName, TensorReader tensors) {
        return switch (type(a)) {
            case FLOAT -> a.getF();
            case INT -> a.getI();
            case STRING -> a.getS().toString(StandardCharsets.UTF_8);
            case FLOATS -> toArray(a.getFloatsList());
            case INTS -> a.getIntsList().stream().mapToLong(Long::longValue).toArray();
            case STRINGS -> a.getStringsList().stream().map(s -> s.toString(StandardCharsets.UTF_8))
                    .toArray(String[]::new);
            case TENSOR -> tensors.read(a.getT(), a.getT().getName().isEmpty()
                    ? nodeName + "." + a.getName() : a.getT().getName());
            case UNDEFINED -> throw new ConversionException("attribute '" + a.getName() + "' of node '" + nodeName
                    + "' has no type pnnx-j knows (the file is damaged or from an unknown ONNX version): re-export"
                    + " the model");
            default -> throw new ConversionException("attribute '" + a.getName() + "' of node '" + nodeName
                    + "' has type " + type(a) + ", which pnnx-j does not read: replace the node in the source model");
        };
    }

    /**
     * The attribute's declared type, or for files from before the type field was written, the
     * type implied by the one value field that is set.
     */
    private static AttributeType type(AttributeProto a) {
        // proto2 keeps a type number it has no name for among the unknown fields, and hasType() is false
        if (a.getUnknownFields().hasField(AttributeProto.TYPE_FIELD_NUMBER)) {
            return AttributeType.UNDEFINED;
        }
        if (a.hasType() && a.getType() != AttributeType.UNDEFINED) {
            return a.getType();
        }
        if (a.hasF()) {
            return AttributeType.FLOAT;
        } else if (a.hasI()) {
            return AttributeType.INT;
        } else if (a.hasS()) {
            return AttributeType.STRING;
        } else if (a.hasT()) {
            return AttributeType.TENSOR;
        } else if (a.hasG()) {
            return AttributeType.GRAPH;
        } else if (a.getFloatsCount() > 0) {
            return AttributeType.FLOATS;
        } else if (a.getIntsCount() > 0) {
            return AttributeType.INTS;
        } else if (a.getStringsCount() > 0) {
            return AttributeType.STRINGS;
        } else if (a.getGraphsCount() > 0) {
            return AttributeType.GRAPHS;
        }
        return AttributeType.UNDEFINED;
    }

    private static float[] toArray(List<Float> list) {
        float[] out = new float[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }
}

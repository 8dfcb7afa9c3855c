package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.Lowering;
import dev.pnnxj.ncnn.ParamDict;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The activations that are one ncnn layer each, with params copied from attributes (ONNX
 * defaults written out where ncnn's differ). HardSwish's fixed ONNX form x * relu6(x + 3) / 6 is
 * ncnn's alpha=1/6, beta=0.5; Swish is the op FuseSwish makes (ONNX's own has alpha, only 1 fits).
 * Gelu's tanh approximation is ncnn's fast_gelu=1; Erf is ncnn's elementwise erff. ONNX Shrink
 * (hardshrink, softshrink) is ncnn's Shrink exactly, 0 between -lambd and lambd.
 */
public final class ActivationEmitters {
    private static final Map<String, Emitter> TABLE = new LinkedHashMap<>();

    static {
        simple("Relu", "ReLU", (n, p) -> { });
        simple("LeakyRelu", "ReLU", (n, p) -> p.put(0, n.getFloat("alpha", 0.01f)));
        simple("Sigmoid", "Sigmoid", (n, p) -> { });
        simple("Tanh", "TanH", (n, p) -> { });
        simple("Elu", "ELU", (n, p) -> p.put(0, n.getFloat("alpha", 1f)));
        simple("Selu", "SELU", (n, p) -> {
            p.put(0, n.getFloat("alpha", 1.67326319217681884765625f));
            p.put(1, n.getFloat("gamma", 1.05070102214813232421875f));
        });
        simple("Celu", "CELU", (n, p) -> p.put(0, n.getFloat("alpha", 1f)));
        simple("HardSigmoid", "HardSigmoid", (n, p) -> {
            p.put(0, n.getFloat("alpha", 0.2f));
            p.put(1, n.getFloat("beta", 0.5f));
        });
        simple("HardSwish", "HardSwish", (n, p) -> {
            p.put(0, 1f / 6);
            p.put(1, 0.5f);
        });
        simple("Softplus", "Softplus", (n, p) -> { });
        simple("Shrink", "Shrink", (n, p) -> {
            p.put(0, n.getFloat("bias", 0f));
            p.put(1, n.getFloat("lambd", 0.5f));
        });
        simple("Swish", "Swish", (n, p) -> {
            if (n.getFloat("alpha", 1f) != 1f) {
                throw new Emitter.Unsupported("ncnn Swish is x * sigmoid(x); alpha=" + n.getFloat("alpha", 1f));
            }
        });
        simple("Mish", "Mish", (n, p) -> { });
        simple("Erf", "Erf", (n, p) -> { });
        simple("Gelu", "GELU", (n, p) -> {
            switch (n.getString("approximate", "none")) {
                case "none" -> { }
                case "tanh" -> p.put(0, 1);
                default -> throw new Emitter.Unsupported("unknown Gelu approximate=" + n.getString("approximate", ""));
            }
        });
    }

    private ActivationEmitters() {
    }

    /** IR op → emitter, for {@code Emitters}. */
    public static Map<String, Emitter> all() {
        return Collections.unmodifiableMap(TABLE);
    }

    private static void simple(String op, String ncnnType, BiConsumer<Node, ParamDict> params) {
        TABLE.put(op, new Simple(ncnnType, params));
    }

    /** One layer of {@code ncnnType} on the node's input, its params filled from the node. */
    private record Simple(String ncnnType, BiConsumer<Node, ParamDict> params) implements Emitter {
        @Override
        public void emit(Node node, Lowering ctx) {
            params.accept(node, ctx.unary(ncnnType, node).params);
        }

        @Override
        public Set<String> layerTypes() {
            return Set.of(ncnnType);
        }
    }
}

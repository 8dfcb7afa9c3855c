package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.Lowering;
import dev.pnnxj.ncnn.ParamDict;
import dev.pnnxj.ncnn.layer.CELU;
import dev.pnnxj.ncnn.layer.ELU;
import dev.pnnxj.ncnn.layer.Erf;
import dev.pnnxj.ncnn.layer.GELU;
import dev.pnnxj.ncnn.layer.HardSigmoid;
import dev.pnnxj.ncnn.layer.HardSwish;
import dev.pnnxj.ncnn.layer.Mish;
import dev.pnnxj.ncnn.layer.ReLU;
import dev.pnnxj.ncnn.layer.SELU;
import dev.pnnxj.ncnn.layer.Shrink;
import dev.pnnxj.ncnn.layer.Sigmoid;
import dev.pnnxj.ncnn.layer.Softplus;
import dev.pnnxj.ncnn.layer.Swish;
import dev.pnnxj.ncnn.layer.TanH;
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
        simple("Relu", ReLU.TYPE, (n, p) -> { });
        simple("LeakyRelu", ReLU.TYPE, (n, p) -> p.put(ReLU.SLOPE, n.getFloat("alpha", 0.01f)));
        simple("Sigmoid", Sigmoid.TYPE, (n, p) -> { });
        simple("Tanh", TanH.TYPE, (n, p) -> { });
        simple("Elu", ELU.TYPE, (n, p) -> p.put(ELU.ALPHA, n.getFloat("alpha", 1f)));
        simple("Selu", SELU.TYPE, (n, p) -> {
            p.put(SELU.ALPHA, n.getFloat("alpha", 1.67326319217681884765625f));
            p.put(SELU.LAMBDA, n.getFloat("gamma", 1.05070102214813232421875f));
        });
        simple("Celu", CELU.TYPE, (n, p) -> p.put(CELU.ALPHA, n.getFloat("alpha", 1f)));
        simple("HardSigmoid", HardSigmoid.TYPE, (n, p) -> {
            p.put(HardSigmoid.ALPHA, n.getFloat("alpha", 0.2f));
            p.put(HardSigmoid.BETA, n.getFloat("beta", 0.5f));
        });
        simple("HardSwish", HardSwish.TYPE, (n, p) -> {
            p.put(HardSwish.ALPHA, 1f / 6);
            p.put(HardSwish.BETA, 0.5f);
        });
        simple("Softplus", Softplus.TYPE, (n, p) -> { });
        simple("Shrink", Shrink.TYPE, (n, p) -> {
            p.put(Shrink.BIAS, n.getFloat("bias", 0f));
            p.put(Shrink.LAMBD, n.getFloat("lambd", 0.5f));
        });
        simple("Swish", Swish.TYPE, (n, p) -> {
            if (n.getFloat("alpha", 1f) != 1f) {
                throw new Emitter.Unsupported("ncnn Swish is x * sigmoid(x); alpha=" + n.getFloat("alpha", 1f));
            }
        });
        simple("Mish", Mish.TYPE, (n, p) -> { });
        simple("Erf", Erf.TYPE, (n, p) -> { });
        simple("Gelu", GELU.TYPE, (n, p) -> {
            switch (n.getString("approximate", "none")) {
                case "none" -> { }
                case "tanh" -> p.put(GELU.FAST_GELU, 1);
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

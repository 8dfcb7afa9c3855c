package dev.pnnxj.ncnn;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds an activation layer into the Convolution / Deconvolution / InnerProduct before it
 * (params 9=activation_type, 10=activation_params), as ncnn's own optimizer does, when the
 * activation is that layer's only reader.
 */
final class FuseActivation {
    private static final Set<String> HOSTS = Set.of("Convolution", "ConvolutionDepthWise", "Deconvolution",
            "DeconvolutionDepthWise", "InnerProduct", "Convolution1D", "Deconvolution1D", "ConvolutionDepthWise1D",
            "DeconvolutionDepthWise1D", "Convolution3D", "ConvolutionDepthWise3D", "Deconvolution3D",
            "DeconvolutionDepthWise3D");

    private FuseActivation() {
    }

    static void run(NcnnModel model) {
        Map<String, NcnnLayer> producer = new HashMap<>();
        Map<String, Integer> readers = new HashMap<>();
        for (NcnnLayer l : model.layers) {
            for (String t : l.tops) {
                producer.put(t, l);
            }
            for (String b : l.bottoms) {
                readers.merge(b, 1, Integer::sum);
            }
        }
        model.layers.removeIf(act -> {
            if (act.bottoms.size() != 1 || act.tops.size() != 1) {
                return false;
            }
            String b = act.bottoms.get(0);
            NcnnLayer host = producer.get(b);
            if (host == null || !HOSTS.contains(host.type()) || host.params.getInt(9, 0) != 0
                    || readers.get(b) != 1 || model.outputs.containsKey(b)) {
                return false;
            }
            float[] params = activation(act);
            if (params == null) {
                return false;
            }
            host.params.put(9, (int) params[0]);
            if (params.length > 1) {
                host.params.put(10, java.util.Arrays.copyOfRange(params, 1, params.length));
            }
            host.tops.set(0, act.tops.get(0));
            producer.put(act.tops.get(0), host);
            return true;
        });
    }

    /** ncnn activation_type followed by its params, or null when the layer is no fusable activation. */
    private static float[] activation(NcnnLayer act) {
        ParamDict p = act.params;
        return switch (act.type()) {
            case "ReLU" -> p.getFloat(0, 0f) == 0f ? new float[] {1} : new float[] {2, p.getFloat(0, 0f)};
            case "Clip" -> new float[] {3, p.getFloat(0, -Float.MAX_VALUE), p.getFloat(1, Float.MAX_VALUE)};
            case "Sigmoid" -> new float[] {4};
            case "Mish" -> new float[] {5};
            case "HardSwish" -> new float[] {6, p.getFloat(0, 0.2f), p.getFloat(1, 0.5f)};
            default -> null;
        };
    }

}

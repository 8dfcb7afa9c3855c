package dev.pnnxj.ncnn;

import dev.pnnxj.ncnn.layer.Clip;
import dev.pnnxj.ncnn.layer.Convolution1D;
import dev.pnnxj.ncnn.layer.Convolution3D;
import dev.pnnxj.ncnn.layer.Convolution;
import dev.pnnxj.ncnn.layer.ConvolutionDepthWise1D;
import dev.pnnxj.ncnn.layer.ConvolutionDepthWise3D;
import dev.pnnxj.ncnn.layer.ConvolutionDepthWise;
import dev.pnnxj.ncnn.layer.Deconvolution1D;
import dev.pnnxj.ncnn.layer.Deconvolution3D;
import dev.pnnxj.ncnn.layer.Deconvolution;
import dev.pnnxj.ncnn.layer.DeconvolutionDepthWise1D;
import dev.pnnxj.ncnn.layer.DeconvolutionDepthWise3D;
import dev.pnnxj.ncnn.layer.DeconvolutionDepthWise;
import dev.pnnxj.ncnn.layer.HardSwish;
import dev.pnnxj.ncnn.layer.InnerProduct;
import dev.pnnxj.ncnn.layer.Mish;
import dev.pnnxj.ncnn.layer.ReLU;
import dev.pnnxj.ncnn.layer.Sigmoid;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds an activation layer into the Convolution / Deconvolution / InnerProduct before it
 * (activation_type, activation_params), as ncnn's own optimizer does, when the
 * activation is that layer's only reader.
 */
final class FuseActivation {
    /** The layers with activation_type / activation_params, all at Convolution's ids. */
    private static final Set<String> HOSTS = Set.of(Convolution.TYPE, ConvolutionDepthWise.TYPE, Deconvolution.TYPE,
            DeconvolutionDepthWise.TYPE, InnerProduct.TYPE, Convolution1D.TYPE, Deconvolution1D.TYPE,
            ConvolutionDepthWise1D.TYPE, DeconvolutionDepthWise1D.TYPE, Convolution3D.TYPE,
            ConvolutionDepthWise3D.TYPE, Deconvolution3D.TYPE, DeconvolutionDepthWise3D.TYPE);

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
            if (host == null || !HOSTS.contains(host.type()) || host.params.getInt(Convolution.ACTIVATION_TYPE) != 0
                    || readers.get(b) != 1 || model.outputs.containsKey(b)) {
                return false;
            }
            float[] params = activation(act);
            if (params == null) {
                return false;
            }
            host.params.put(Convolution.ACTIVATION_TYPE, (int) params[0]);
            if (params.length > 1) {
                host.params.put(Convolution.ACTIVATION_PARAMS, java.util.Arrays.copyOfRange(params, 1, params.length));
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
            case ReLU.TYPE -> p.getFloat(ReLU.SLOPE) == 0f ? new float[] {Convolution.ACTIVATION_RELU}
                    : new float[] {Convolution.ACTIVATION_LEAKY_RELU, p.getFloat(ReLU.SLOPE)};
            case Clip.TYPE -> new float[] {Convolution.ACTIVATION_CLIP, p.getFloat(Clip.MIN), p.getFloat(Clip.MAX)};
            case Sigmoid.TYPE -> new float[] {Convolution.ACTIVATION_SIGMOID};
            case Mish.TYPE -> new float[] {Convolution.ACTIVATION_MISH};
            case HardSwish.TYPE -> new float[] {Convolution.ACTIVATION_HARDSWISH, p.getFloat(HardSwish.ALPHA),
                    p.getFloat(HardSwish.BETA)};
            default -> null;
        };
    }

}

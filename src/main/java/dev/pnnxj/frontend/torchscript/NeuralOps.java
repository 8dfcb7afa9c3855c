package dev.pnnxj.frontend.torchscript;

import dev.pnnxj.frontend.torchscript.PyValues.Param;
import dev.pnnxj.frontend.torchscript.PyValues.Tuple;
import dev.pnnxj.frontend.torchscript.PyValues.Unusable;
import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;

/**
 * Mappings of the network layers: convolution, normalisation, dense, pooling, resizing, padding
 * and pixel shuffle, onto ONNX's Conv, BatchNormalization, Gemm / MatMul, MaxPool, Resize, Pad ...
 */
final class NeuralOps {
    private NeuralOps() {
    }

    /** aten::_convolution, the form traced convolutions take. */
    static Value convolution(OpArgs a) {
        int spatial = IrBuilder.rank(a.get("weight")) - 2;
        return conv(a, spatial, a.flag("transposed", false), a.ints("padding", spatial, 0),
                a.ints("output_padding", spatial, 0));
    }

    /** aten::_convolution_mode, the traced form of a convolution with padding='same' or 'valid'. */
    static Value convolutionMode(OpArgs a) {
        return conv(a, IrBuilder.rank(a.get("weight")) - 2);
    }

    /** aten::conv1d / 2d / 3d; padding may also be 'valid' or 'same'. */
    static Value conv(OpArgs a, int spatial) {
        long[] pads;
        if (a.get("padding") instanceof String mode) {
            pads = switch (mode) {
                case "valid" -> new long[spatial];
                case "same" -> null;
                default -> throw new ScriptError("conv padding '" + mode + "' is not supported");
            };
        } else {
            pads = a.ints("padding", spatial, 0);
        }
        return conv(a, spatial, false, pads, null);
    }

    static Value convTranspose(OpArgs a, int spatial) {
        return conv(a, spatial, true, a.ints("padding", spatial, 0), a.ints("output_padding", spatial, 0));
    }

    /**
     * Conv or ConvTranspose with torch's symmetric padding; {@code pads} null is padding='same'
     * (total dilation * (k - 1), the odd one on the end side, as torch pads).
     */
    private static Value conv(OpArgs a, int spatial, boolean transposed, long[] pads, long[] outputPadding) {
        Value w = a.tensor("weight");
        Shape ws = w.shape();
        if (ws == null || ws.rank() != spatial + 2) {
            throw new ScriptError("convolution weight of shape " + ws + " for " + spatial + " spatial axes");
        }
        long[] kernel = new long[spatial];
        for (int i = 0; i < spatial; i++) {
            kernel[i] = ws.dim(2 + i);
        }
        long[] dilations = a.ints("dilation", spatial, 1);
        long[] onnxPads = new long[2 * spatial];
        for (int i = 0; i < spatial; i++) {
            long total = pads == null ? dilations[i] * (kernel[i] - 1) : 2 * pads[i];
            onnxPads[i] = pads == null ? total / 2 : pads[i];
            onnxPads[spatial + i] = total - onnxPads[i];
        }
        IrBuilder.Op op = a.ir().op(transposed ? "ConvTranspose" : "Conv")
                .in(a.tensor("input"), w, a.optTensor("bias"))
                .attr("kernel_shape", kernel)
                .attr("strides", a.ints("stride", spatial, 1))
                .attr("pads", onnxPads)
                .attr("dilations", dilations)
                .attr("group", a.integer("groups", 1));
        if (transposed && outputPadding != null && Arrays.stream(outputPadding).anyMatch(p -> p != 0)) {
            op.attr("output_padding", outputPadding);
        }
        return op.out();
    }

    /**
     * _weight_norm(v, g, dim) = v * g / ||v||, the L2 norm over every axis but dim (over all of v
     * when dim is -1). Spelt with ops constant folding evaluates, so a module's weight folds.
     */
    static Value weightNorm(OpArgs a) {
        Value v = a.tensor("v");
        int rank = IrBuilder.rank(v);
        long dim = a.integer("dim", 0);
        long keep = dim < 0 ? -1 : dim;
        long[] axes = LongStream.range(0, rank).filter(i -> i != keep).toArray();
        IrBuilder ir = a.ir();
        Value sumSq = ir.op("ReduceSum").in(ir.op("Mul").in(v, v).out(), ir.longs(axes)).attr("keepdims", 1).out();
        Value scale = ir.op("Div").in(a.tensor("g"), ir.op("Sqrt").in(sumSq).out()).out();
        return ir.op("Mul").in(v, scale).out();
    }

    static Value batchNorm(OpArgs a) {
        if (a.flag("training", false)) {
            throw new ScriptError("batch_norm in training mode (batch statistics); call model.eval() before saving");
        }
        if (!a.has("running_mean") || !a.has("running_var")) {
            throw new ScriptError("batch_norm without running statistics (track_running_stats=False) is not supported");
        }
        Value mean = a.tensor("running_mean");
        int channels = IrBuilder.dim(mean, 0);
        return a.ir().op("BatchNormalization")
                .in(a.tensor("input"), affine(a, "weight", channels, 1), affine(a, "bias", channels, 0), mean,
                        a.tensor("running_var"))
                .attr("epsilon", (float) a.number("eps", 1e-5)).out();
    }

    static Value instanceNorm(OpArgs a) {
        if (!a.flag("use_input_stats", true)) {
            throw new ScriptError("instance_norm with running statistics (track_running_stats=True) is not supported");
        }
        Value x = a.tensor("input");
        int channels = IrBuilder.dim(x, 1);
        return a.ir().op("InstanceNormalization")
                .in(x, affine(a, "weight", channels, 1), affine(a, "bias", channels, 0))
                .attr("epsilon", (float) a.number("eps", 1e-5)).out();
    }

    static Value groupNorm(OpArgs a) {
        Value x = a.tensor("input");
        int channels = IrBuilder.dim(x, 1);
        return a.ir().op("GroupNormalization")
                .in(x, affine(a, "weight", channels, 1), affine(a, "bias", channels, 0))
                .attr("num_groups", a.integer("num_groups"))
                .attr("epsilon", (float) a.number("eps", 1e-5)).out();
    }

    static Value layerNorm(OpArgs a) {
        long[] normalized = a.ints("normalized_shape");
        Value x = a.tensor("input");
        IrBuilder ir = a.ir();
        Value scale = a.has("weight") ? a.tensor("weight") : filled(ir, "weight", Shape.of(normalized), 1);
        return ir.op("LayerNormalization").in(x, scale, a.optTensor("bias"))
                .attr("axis", -normalized.length)
                .attr("epsilon", (float) a.number("eps", 1e-5)).out();
    }

    /** An affine weight or bias, or a constant of {@code fill} when the module has none (affine=False). */
    private static Value affine(OpArgs a, String name, int channels, double fill) {
        return a.has(name) ? a.tensor(name) : filled(a.ir(), name, Shape.of(channels), fill);
    }

    private static Value filled(IrBuilder ir, String name, Shape shape, double fill) {
        double[] v = new double[Math.toIntExact(shape.numel())];
        Arrays.fill(v, fill);
        return ir.constant(ir.name() + "." + name, Tensor.ofDoubles(DType.FLOAT32, shape, v));
    }

    /**
     * y = x W^T + b. A 2-D input becomes Gemm (transB = 1, the weight as stored), like ONNX's own
     * export; any other rank MatMul by the transposed weight, then Add of the bias.
     */
    static Value linear(OpArgs a) {
        Value x = a.tensor("input");
        IrBuilder ir = a.ir();
        Value bias = a.optTensor("bias");
        if (x.shape() != null && x.shape().rank() == 2) {
            return ir.op("Gemm").in(x, a.tensor("weight"), bias).attr("transB", 1).out();
        }
        Value y = ir.op("MatMul").in(x, transposed(ir, a.get("weight"))).out();
        return bias == null ? y : ir.op("Add").in(y, bias).out();
    }

    /**
     * aten::_native_multi_head_attention, the fused self-attention torch records for an eval-mode
     * nn.MultiheadAttention traced under no_grad, written out as the ops PyTorch's ONNX export gives
     * the same module, so every pass sees one form (FuseMultiHeadAttention folds it into one ncnn
     * layer): the packed projection, three slices split into heads, scaled q·kᵀ, Softmax, ·v, the
     * output projection. Returns (output, attention weights); the weights are never computed.
     */
    static Object nativeMultiHeadAttention(OpArgs a) {
        Value x = a.tensor("query");
        if (a.tensor("key") != x || a.tensor("value") != x) {
            throw new ScriptError("_native_multi_head_attention with a key or value other than the query"
                    + " (cross-attention) is not supported");
        }
        if (a.get("mask") != null) {
            throw new ScriptError("_native_multi_head_attention with a mask is not supported");
        }
        if (a.flag("need_weights", false)) {
            throw new ScriptError("_native_multi_head_attention with need_weights=True is not supported");
        }
        Shape s = x.shape();
        int e = Math.toIntExact(a.integer("embed_dim"));
        int heads = Math.toIntExact(a.integer("num_head"));
        if (s == null || !s.isKnown() || s.rank() != 3 || s.dim(2) != e || e % heads != 0) {
            throw new ScriptError("_native_multi_head_attention needs a [batch, seq, " + e + "] query of known shape,"
                    + " got " + s);
        }
        int n = s.dim(0);
        int seq = s.dim(1);
        int hd = e / heads;
        IrBuilder ir = a.ir();
        long[] swap01 = {1, 0, 2};
        Value tokens = ir.op("Transpose").in(x).attr("perm", swap01).out();
        Value packed = ir.op("Add").in(a.tensor("qkv_bias"),
                ir.op("MatMul").in(tokens, transposed(ir, a.get("qkv_weight"))).out()).out();
        Value[] parts = new Value[3];
        for (int i = 0; i < 3; i++) {
            Value third = ir.op("Slice").in(packed, ir.longs(i * e), ir.longs((i + 1) * e), ir.longs(-1)).out();
            parts[i] = ir.op("Reshape").in(third, ir.longs(seq, (long) n * heads, hd)).out();
        }
        Value q = ir.op("Div").in(ir.op("Transpose").in(parts[0]).attr("perm", swap01).out(),
                ir.scalar(Math.sqrt(hd), DType.FLOAT32)).out();
        Value kT = ir.op("Transpose").in(parts[1]).attr("perm", new long[] {1, 2, 0}).out();
        Value v = ir.op("Transpose").in(parts[2]).attr("perm", swap01).out();
        Value weights = ir.op("Softmax").in(ir.op("MatMul").in(q, kT).out()).attr("axis", -1).out();
        Value heads0 = ir.op("Transpose").in(ir.op("MatMul").in(weights, v).out()).attr("perm", swap01).out();
        Value rows = ir.op("Reshape").in(heads0, ir.longs((long) seq * n, e)).out();
        Value projected = ir.op("Gemm").in(rows, a.tensor("proj_weight"), a.tensor("proj_bias")).attr("transB", 1).out();
        Value seqFirst = ir.op("Reshape").in(projected, ir.longs(seq, n, e)).out();
        Value y = ir.op("Transpose").in(seqFirst).attr("perm", swap01).out();
        return new Tuple(List.of(y, new Unusable("attention weights (need_weights=False)")));
    }

    /** A matrix transposed: a module weight stays a named constant (a strided view, read when written). */
    static Value transposed(IrBuilder ir, Object m) {
        if (m instanceof Param p && p.data().size().length == 2) {
            return ir.param(new Param(p.name(), p.data().transposed()));
        }
        return ir.op("Transpose").in(ir.tensor(m)).attr("perm", new long[] {1, 0}).out();
    }

    /** addmm(self, mat1, mat2, beta, alpha) = beta * self + alpha * mat1 @ mat2, ONNX Gemm exactly. */
    static Value addmm(OpArgs a) {
        return a.ir().op("Gemm").in(a.tensor("mat1"), a.tensor("mat2"), a.tensor("self"))
                .attr("alpha", (float) a.number("alpha", 1))
                .attr("beta", (float) a.number("beta", 1)).out();
    }

    /**
     * baddbmm(self, batch1, batch2, beta, alpha) = beta * self + alpha * batch1 @ batch2: MatMul,
     * each factor a Mul left out when it is 1.
     */
    static Value baddbmm(OpArgs a) {
        IrBuilder ir = a.ir();
        Value product = scaled(ir, ir.op("MatMul").in(a.tensor("batch1"), a.tensor("batch2")).out(), a.number("alpha", 1));
        double beta = a.number("beta", 1);
        if (beta == 0) {
            return product;
        }
        return ir.op("Add").in(scaled(ir, a.tensor("self"), beta), product).out();
    }

    private static Value scaled(IrBuilder ir, Value x, double factor) {
        return factor == 1 ? x : ir.op("Mul").in(x, ir.scalar(factor, DType.FLOAT32)).out();
    }

    static Object maxPool(OpArgs a, int spatial, boolean withIndices) {
        long[] kernel = a.ints("kernel_size", spatial);
        long[] stride = a.ints("stride", new long[0]);
        Value y = a.ir().op("MaxPool").in(a.tensor("self"))
                .attr("kernel_shape", kernel)
                .attr("strides", stride.length == 0 ? kernel : a.ints("stride", spatial))
                .attr("pads", symmetric(a.ints("padding", spatial, 0)))
                .attr("dilations", a.ints("dilation", spatial, 1))
                .attr("ceil_mode", a.flag("ceil_mode", false) ? 1 : 0).out();
        return withIndices ? new Tuple(List.of(y, new Unusable("max-pooling indices"))) : y;
    }

    static Value avgPool(OpArgs a, int spatial) {
        if (a.has("divisor_override")) {
            throw new ScriptError("avg_pool with divisor_override is not supported");
        }
        long[] kernel = a.ints("kernel_size", spatial);
        long[] stride = a.ints("stride", new long[0]);
        return a.ir().op("AveragePool").in(a.tensor("self"))
                .attr("kernel_shape", kernel)
                .attr("strides", stride.length == 0 ? kernel : a.ints("stride", spatial))
                .attr("pads", symmetric(a.ints("padding", spatial, 0)))
                .attr("ceil_mode", a.flag("ceil_mode", false) ? 1 : 0)
                .attr("count_include_pad", a.flag("count_include_pad", true) ? 1 : 0).out();
    }

    /**
     * Adaptive pooling: to size 1 it is global pooling; to a size that divides the input it is a
     * fixed window of input / output with that stride. Other sizes have windows of different sizes
     * (from floor(i * in / out) to ceil((i + 1) * in / out)), pnnx-j's AdaptiveAveragePool /
     * AdaptiveMaxPool.
     */
    static Object adaptivePool(OpArgs a, int spatial, boolean max) {
        Value x = a.tensor("self");
        List<?> sizes = OpArgs.items(a.get("output_size"));
        long[] out = new long[spatial];
        long[] kernel = new long[spatial];
        boolean global = true;
        boolean even = true;
        for (int i = 0; i < spatial; i++) {
            Object s = sizes == null ? a.get("output_size") : sizes.get(i);
            int in = IrBuilder.dim(x, i - spatial);
            out[i] = s == null ? in : PyOps.toLong(s);
            global &= out[i] == 1;
            even &= in % out[i] == 0;
            kernel[i] = in / out[i];
        }
        IrBuilder ir = a.ir();
        Value y;
        if (global) {
            y = ir.op(max ? "GlobalMaxPool" : "GlobalAveragePool").in(x).out();
        } else if (even) {
            y = ir.op(max ? "MaxPool" : "AveragePool").in(x).attr("kernel_shape", kernel).attr("strides", kernel).out();
        } else {
            y = ir.op(max ? "AdaptiveMaxPool" : "AdaptiveAveragePool").in(x).attr("output_size", out).out();
        }
        return max ? new Tuple(List.of(y, new Unusable("max-pooling indices"))) : y;
    }

    private static long[] symmetric(long[] pads) {
        long[] out = Arrays.copyOf(pads, 2 * pads.length);
        System.arraycopy(pads, 0, out, pads.length, pads.length);
        return out;
    }

    /**
     * The upsample_* ops in both their forms: (input, output_size, [align_corners,] scale_factors)
     * and the older (input, output_size, [align_corners,] scales_h, scales_w). Nearest maps output x
     * to floor(x / scale) (asymmetric); linear and cubic sample at half-pixel centres
     * (pytorch_half_pixel) or, with align_corners, at the corners; torch's cubic uses a = -0.75.
     */
    static Value upsample(OpArgs a, int spatial, String mode) {
        Value x = a.tensor("input");
        IrBuilder ir = a.ir();
        double[] factors = scaleFactors(a, spatial);
        IrBuilder.Op op = ir.op("Resize").attr("mode", mode);
        if (factors != null) {
            float[] scales = new float[spatial + 2];
            Arrays.fill(scales, 1f);
            for (int i = 0; i < spatial; i++) {
                scales[2 + i] = (float) factors[i];
            }
            op.in(x, null, ir.constant("scales", Tensor.ofFloats(Shape.of(scales.length), scales)));
        } else {
            List<Object> sizes = new ArrayList<>(leadingDims(x));
            sizes.addAll(a.list("output_size"));
            op.in(x, null, null, ir.intList(sizes));
        }
        if (mode.equals("nearest")) {
            op.attr("coordinate_transformation_mode", "asymmetric").attr("nearest_mode", "floor");
        } else {
            op.attr("coordinate_transformation_mode", a.flag("align_corners", false) ? "align_corners"
                    : "pytorch_half_pixel");
        }
        if (mode.equals("cubic")) {
            op.attr("cubic_coeff_a", -0.75f);
        }
        return op.out();
    }

    /** The scale per spatial axis when the call gives scales, else null (output_size decides). */
    private static double[] scaleFactors(OpArgs a, int spatial) {
        List<?> list = OpArgs.items(a.get("s0"));
        double[] f = new double[spatial];
        for (int i = 0; i < spatial; i++) {
            Object v = list != null ? list.get(i) : a.get("s" + i);
            if (v == null) {
                return null;
            }
            f[i] = PyOps.toDouble(v);
        }
        // the older form passes output_size too; when both are given torch uses the size for the shape
        return list == null && a.has("output_size") ? null : f;
    }

    /** The batch and channel dims of x (ints when known, else size values). */
    private static List<Object> leadingDims(Value x) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Shape s = x.shape();
            if (s == null || s.dim(i) == Shape.UNKNOWN) {
                throw ScriptError.notStatic("the batch and channel dims of a resized tensor");
            }
            out.add((long) s.dim(i));
        }
        return out;
    }

    /** aten::grid_sampler's enums, in their order: interpolation mode, padding mode. */
    private static final List<String> GRID_MODES = List.of("linear", "nearest", "cubic");
    private static final List<String> GRID_PADDINGS = List.of("zeros", "border", "reflection");

    /** F.grid_sample: aten::grid_sampler(input, grid, interpolation_mode, padding_mode, align_corners). */
    static Value gridSample(OpArgs a) {
        int mode = (int) a.integer("interpolation_mode");
        int padding = (int) a.integer("padding_mode");
        if (mode < 0 || mode >= GRID_MODES.size() || padding < 0 || padding >= GRID_PADDINGS.size()) {
            throw new ScriptError("grid_sampler mode " + mode + ", padding " + padding + " is not a PyTorch mode");
        }
        return a.ir().op("GridSample").in(a.tensor("input"), a.tensor("grid")).attr("mode", GRID_MODES.get(mode))
                .attr("padding_mode", GRID_PADDINGS.get(padding))
                .attr("align_corners", a.flag("align_corners", false) ? 1 : 0).out();
    }

    static Value pixelShuffle(OpArgs a) {
        return a.ir().op("DepthToSpace").in(a.tensor("self")).attr("blocksize", a.integer("upscale_factor"))
                .attr("mode", "CRD").out();
    }

    /** aten::pad (PyTorch 2) with its mode: constant, reflect, replicate. */
    static Value padWithMode(OpArgs a) {
        String mode = a.string("mode", "constant");
        return pad(a, "pad", switch (mode) {
            case "constant" -> "constant";
            case "reflect" -> "reflect";
            case "replicate" -> "edge";
            default -> throw new ScriptError("pad mode '" + mode + "' is not supported");
        });
    }

    /**
     * Pad from torch's pad list, which runs from the last axis backwards in (begin, end) pairs,
     * to ONNX's pads over all axes (all begins, then all ends); negative pads crop.
     */
    static Value pad(OpArgs a, String padArg, String mode) {
        Value x = a.tensor("self");
        long[] torchPads = a.ints(padArg);
        if (torchPads.length % 2 != 0) {
            throw new ScriptError("pad list of odd length " + torchPads.length);
        }
        int rank = IrBuilder.rank(x);
        int padded = torchPads.length / 2;
        if (padded > rank) {
            throw new ScriptError("pads " + padded + " axes of a " + rank + "-D tensor");
        }
        long[] pads = new long[2 * rank];
        for (int i = 0; i < padded; i++) {
            int axis = rank - 1 - i;
            pads[axis] = torchPads[2 * i];
            pads[rank + axis] = torchPads[2 * i + 1];
        }
        IrBuilder ir = a.ir();
        Value value = mode.equals("constant") && a.has("value") && a.number("value", 0) != 0
                ? ir.tensor(a.number("value", 0), x) : null;
        return ir.op("Pad").in(x, ir.longs(pads), value).attr("mode", mode).out();
    }
}

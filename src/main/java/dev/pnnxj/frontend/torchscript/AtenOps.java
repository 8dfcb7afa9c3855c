package dev.pnnxj.frontend.torchscript;

import dev.pnnxj.ir.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * THE table of aten op → IR mapping for the TorchScript reader. Each entry names the op's
 * parameters (its schema, for binding positional and keyword arguments) and the mapping, which
 * returns the result: an IR value, a list or tuple of them, or a Python value for ops on sizes and
 * scalars. An in-place op ({@code relu_}) maps as its functional form, whose result then replaces
 * the tensor it mutated ({@link InPlaceWrites}: written into its root when that tensor is a slice).
 */
final class AtenOps {
    /** One aten op's mapping. */
    @FunctionalInterface
    interface Mapping {
        Object apply(OpArgs a);
    }

    private record Entry(List<String> params, Mapping mapping) {
    }

    private static final Map<String, Entry> TABLE = new TreeMap<>();

    static {
        // --- convolution, normalisation, dense ---
        reg("_convolution", "input weight bias stride padding dilation transposed output_padding groups benchmark"
                + " deterministic cudnn_enabled allow_tf32", NeuralOps::convolution);
        reg("_convolution_mode", "input weight bias stride padding dilation groups", NeuralOps::convolutionMode);
        reg("_weight_norm", "v g dim", NeuralOps::weightNorm);
        for (int n = 1; n <= 3; n++) {
            int spatial = n;
            reg("conv" + n + "d", "input weight bias stride padding dilation groups", a -> NeuralOps.conv(a, spatial));
            reg("conv_transpose" + n + "d", "input weight bias stride padding output_padding groups dilation",
                    a -> NeuralOps.convTranspose(a, spatial));
        }
        reg("batch_norm", "input weight bias running_mean running_var training momentum eps cudnn_enabled",
                NeuralOps::batchNorm);
        reg("instance_norm", "input weight bias running_mean running_var use_input_stats momentum eps cudnn_enabled",
                NeuralOps::instanceNorm);
        reg("group_norm", "input num_groups weight bias eps cudnn_enabled", NeuralOps::groupNorm);
        reg("layer_norm", "input normalized_shape weight bias eps cudnn_enable", NeuralOps::layerNorm);
        reg("linear", "input weight bias", NeuralOps::linear);
        reg("_native_multi_head_attention", "query key value embed_dim num_head qkv_weight qkv_bias proj_weight"
                + " proj_bias mask need_weights average_attn_weights mask_type", NeuralOps::nativeMultiHeadAttention);
        reg("addmm", "self mat1 mat2 beta alpha", NeuralOps::addmm);
        reg("baddbmm", "self batch1 batch2 beta alpha", NeuralOps::baddbmm);
        for (String op : List.of("matmul", "mm", "bmm")) {
            reg(op, "self other", a -> MathOps.matmul(a));
        }

        // --- pooling, resizing, padding ---
        for (int n = 1; n <= 3; n++) {
            int spatial = n;
            reg("max_pool" + n + "d", "self kernel_size stride padding dilation ceil_mode", a -> NeuralOps.maxPool(a, spatial, false));
            reg("max_pool" + n + "d_with_indices", "self kernel_size stride padding dilation ceil_mode",
                    a -> NeuralOps.maxPool(a, spatial, true));
            reg("avg_pool" + n + "d", "self kernel_size stride padding ceil_mode count_include_pad divisor_override",
                    a -> NeuralOps.avgPool(a, spatial));
            reg("adaptive_avg_pool" + n + "d", "self output_size", a -> NeuralOps.adaptivePool(a, spatial, false));
            reg("adaptive_max_pool" + n + "d", "self output_size", a -> NeuralOps.adaptivePool(a, spatial, true));
            reg("reflection_pad" + n + "d", "self padding", a -> NeuralOps.pad(a, "padding", "reflect"));
            reg("replication_pad" + n + "d", "self padding", a -> NeuralOps.pad(a, "padding", "edge"));
        }
        reg("constant_pad_nd", "self pad value", a -> NeuralOps.pad(a, "pad", "constant"));
        reg("pad", "self pad mode value", NeuralOps::padWithMode);
        reg("upsample_nearest1d", "input output_size s0", a -> NeuralOps.upsample(a, 1, "nearest"));
        reg("upsample_nearest2d", "input output_size s0 s1", a -> NeuralOps.upsample(a, 2, "nearest"));
        reg("upsample_nearest3d", "input output_size s0 s1 s2", a -> NeuralOps.upsample(a, 3, "nearest"));
        reg("upsample_linear1d", "input output_size align_corners s0", a -> NeuralOps.upsample(a, 1, "linear"));
        reg("upsample_bilinear2d", "input output_size align_corners s0 s1", a -> NeuralOps.upsample(a, 2, "linear"));
        reg("upsample_trilinear3d", "input output_size align_corners s0 s1 s2", a -> NeuralOps.upsample(a, 3, "linear"));
        reg("upsample_bicubic2d", "input output_size align_corners s0 s1", a -> NeuralOps.upsample(a, 2, "cubic"));
        reg("pixel_shuffle", "self upscale_factor", NeuralOps::pixelShuffle);
        reg("grid_sampler", "input grid interpolation_mode padding_mode align_corners", NeuralOps::gridSample);

        // --- recurrent ---
        reg("lstm", "input hx params has_biases num_layers dropout train bidirectional batch_first",
                a -> RecurrentOps.recurrent(a, RecurrentOps.Cell.LSTM));
        reg("gru", "input hx params has_biases num_layers dropout train bidirectional batch_first",
                a -> RecurrentOps.recurrent(a, RecurrentOps.Cell.GRU));
        reg("rnn_tanh", "input hx params has_biases num_layers dropout train bidirectional batch_first",
                a -> RecurrentOps.recurrent(a, RecurrentOps.Cell.RNN_TANH));
        reg("rnn_relu", "input hx params has_biases num_layers dropout train bidirectional batch_first",
                a -> RecurrentOps.recurrent(a, RecurrentOps.Cell.RNN_RELU));

        // --- activations ---
        Map<String, String> unary = Map.ofEntries(
                Map.entry("relu", "Relu"), Map.entry("sigmoid", "Sigmoid"), Map.entry("tanh", "Tanh"),
                Map.entry("silu", "Swish"), Map.entry("mish", "Mish"), Map.entry("hardswish", "HardSwish"),
                Map.entry("selu", "Selu"), Map.entry("abs", "Abs"), Map.entry("sqrt", "Sqrt"), Map.entry("exp", "Exp"),
                Map.entry("log", "Log"), Map.entry("sin", "Sin"), Map.entry("cos", "Cos"), Map.entry("tan", "Tan"),
                Map.entry("asin", "Asin"), Map.entry("acos", "Acos"), Map.entry("atan", "Atan"),
                Map.entry("sinh", "Sinh"), Map.entry("cosh", "Cosh"), Map.entry("asinh", "Asinh"),
                Map.entry("acosh", "Acosh"), Map.entry("atanh", "Atanh"), Map.entry("log1p", "Log1p"),
                Map.entry("expm1", "Expm1"),
                Map.entry("floor", "Floor"), Map.entry("ceil", "Ceil"), Map.entry("round", "Round"),
                Map.entry("reciprocal", "Reciprocal"), Map.entry("erf", "Erf"), Map.entry("sign", "Sign"),
                Map.entry("logical_not", "Not"));
        unary.forEach((op, type) -> reg(op, "self", a -> MathOps.unary(a, type)));
        reg("neg", "self", MathOps::neg);
        reg("rsqrt", "self", a -> a.ir().op("Reciprocal").in(MathOps.unary(a, "Sqrt")).out());
        reg("hardsigmoid", "self", MathOps::hardSigmoid);
        reg("log_sigmoid", "self", a -> a.ir().op("Log").in(MathOps.unary(a, "Sigmoid")).out());
        reg("hardshrink", "self lambd", a -> MathOps.shrink(a, false));
        reg("softshrink", "self lambd", a -> MathOps.shrink(a, true));
        reg("glu", "self dim", MathOps::glu);
        reg("threshold", "self threshold value", MathOps::threshold);
        reg("rrelu", "self lower upper training generator", MathOps::rrelu);
        reg("square", "self", a -> a.ir().op("Pow").in(a.tensor("self"), a.ir().tensor(2L, a.tensor("self"))).out());
        reg("log10", "self", a -> MathOps.logBase(a, 10));
        reg("log2", "self", a -> MathOps.logBase(a, 2));
        reg("trunc", "self", a -> MathOps.truncated(a.ir(), a.tensor("self")));
        reg("frac", "self", a -> a.ir().op("Sub").in(a.tensor("self"), MathOps.truncated(a.ir(), a.tensor("self"))).out());
        reg("exp2", "self", a -> a.ir().op("Pow").in(a.ir().tensor(2.0, a.tensor("self")), a.tensor("self")).out());
        reg("logit", "self eps", MathOps::logit);
        reg("sgn", "self", a -> MathOps.unary(a, "Sign"));
        reg("positive", "self", a -> a.tensor("self"));
        reg("zero", "self", a -> ShapeOps.fullLike(a, 0.0));
        reg("relu6", "self", a -> MathOps.clamp(a, 0.0, 6.0));
        reg("hardtanh", "self min_val max_val", a -> MathOps.clamp(a, a.number("min_val", -1), a.number("max_val", 1)));
        reg("clamp", "self min max", a -> MathOps.clamp(a, a.get("min"), a.get("max")));
        reg("clamp_min", "self min", a -> MathOps.clamp(a, a.get("min"), null));
        reg("clamp_max", "self max", a -> MathOps.clamp(a, null, a.get("max")));
        reg("leaky_relu", "self negative_slope", MathOps::leakyRelu);
        reg("elu", "self alpha scale input_scale", MathOps::elu);
        reg("celu", "self alpha", a -> MathOps.withAlpha(a, "Celu", 1));
        reg("prelu", "self weight", MathOps::prelu);
        reg("gelu", "self approximate", MathOps::gelu);
        reg("softplus", "self beta threshold", MathOps::softplus);
        reg("softmax", "self dim dtype", a -> MathOps.softmax(a, "Softmax"));
        reg("log_softmax", "self dim dtype", a -> MathOps.softmax(a, "LogSoftmax"));

        // --- elementwise arithmetic and comparison (also on Python numbers) ---
        reg("add", "self other alpha", a -> MathOps.addSub(a, "Add", "+"));
        reg("sub", "self other alpha", a -> MathOps.addSub(a, "Sub", "-"));
        reg("rsub", "self other alpha", MathOps::rsub);
        reg("mul", "self other", a -> MathOps.binary(a, "Mul", "*"));
        reg("div", "self other rounding_mode", MathOps::div);
        reg("floor_divide", "self other", MathOps::floorDivide);
        reg("floordiv", "self other", MathOps::floorDivide);
        reg("remainder", "self other", MathOps::remainder);
        reg("fmod", "self other", a -> MathOps.binary(a, "Mod", null, "fmod", 1L));
        reg("pow", "self exponent", MathOps::pow);
        reg("maximum", "self other", a -> MathOps.binary(a, "Max", null));
        reg("minimum", "self other", a -> MathOps.binary(a, "Min", null));
        reg("eq", "self other", a -> MathOps.compare(a, "Equal", "==", false));
        reg("ne", "self other", a -> MathOps.compare(a, "Equal", "!=", true));
        reg("lt", "self other", a -> MathOps.compare(a, "Less", "<", false));
        reg("gt", "self other", a -> MathOps.compare(a, "Greater", ">", false));
        reg("le", "self other", a -> MathOps.compare(a, "LessOrEqual", "<=", false));
        reg("ge", "self other", a -> MathOps.compare(a, "GreaterOrEqual", ">=", false));
        reg("where", "condition self other", MathOps::where);
        reg("logical_and", "self other", a -> MathOps.logic(a, "And"));
        reg("logical_or", "self other", a -> MathOps.logic(a, "Or"));
        reg("masked_fill", "self mask value", MathOps::maskedFill);

        // --- reductions ---
        reg("mean", "self dim keepdim dtype", a -> MathOps.reduce(a, "ReduceMean"));
        reg("sum", "self dim keepdim dtype", a -> MathOps.reduce(a, "ReduceSum"));
        reg("cumsum", "self dim dtype", MathOps::cumsum);
        reg("prod", "self dim keepdim dtype", a -> MathOps.reduce(a, "ReduceProd"));
        reg("amax", "self dim keepdim", a -> MathOps.reduce(a, "ReduceMax"));
        reg("norm", "self p dim keepdim dtype", MathOps::norm);
        reg("amin", "self dim keepdim", a -> MathOps.reduce(a, "ReduceMin"));
        reg("max", "self other keepdim", a -> MathOps.maxMin(a, "Max", "ReduceMax", "ArgMax"));
        reg("min", "self other keepdim", a -> MathOps.maxMin(a, "Min", "ReduceMin", "ArgMin"));
        reg("argmax", "self dim keepdim", a -> MathOps.argReduce(a, "ArgMax"));
        reg("argmin", "self dim keepdim", a -> MathOps.argReduce(a, "ArgMin"));

        // --- sizes and shapes ---
        reg("size", "self dim", ShapeOps::size);
        reg("dim", "self", a -> (long) IrBuilder.rank(a.get("self")));
        reg("numel", "self", ShapeOps::numel);
        reg("len", "self", ShapeOps::len);
        reg("view", "self size", ShapeOps::reshape);
        reg("reshape", "self shape", ShapeOps::reshape);
        reg("view_as", "self other", ShapeOps::reshapeAs);
        reg("reshape_as", "self other", ShapeOps::reshapeAs);
        reg("flatten", "self start_dim end_dim", ShapeOps::flatten);
        reg("permute", "self dims", ShapeOps::permute);
        reg("transpose", "self dim0 dim1", ShapeOps::transpose);
        reg("t", "self", ShapeOps::t);
        reg("unsqueeze", "self dim", ShapeOps::unsqueeze);
        reg("squeeze", "self dim", ShapeOps::squeeze);
        reg("slice", "self dim start end step", ShapeOps::slice);
        reg("narrow", "self dim start length", ShapeOps::narrow);
        reg("roll", "self shifts dims", ShapeOps::roll);
        reg("select", "self dim index", ShapeOps::select);
        reg("chunk", "self chunks dim", ShapeOps::chunk);
        reg("split", "self split_size dim", ShapeOps::split);
        reg("split_with_sizes", "self split_sizes dim", ShapeOps::split);
        reg("unbind", "self dim", ShapeOps::unbind);
        reg("cat", "tensors dim", ShapeOps::cat);
        reg("concat", "tensors dim", ShapeOps::cat);
        reg("stack", "tensors dim", ShapeOps::stack);
        reg("expand", "self size implicit", ShapeOps::expand);
        reg("expand_as", "self other", ShapeOps::expandAs);
        reg("repeat", "self repeats", ShapeOps::repeat);
        reg("tile", "self dims", ShapeOps::tile);
        reg("index_select", "self dim index", ShapeOps::indexSelect);
        reg("embedding", "weight indices padding_idx scale_grad_by_freq sparse", ShapeOps::embedding);

        reg("index", "self indices", ShapeOps::index);
        reg("flip", "self dims", LayoutOps::flip);
        reg("pixel_unshuffle", "self downscale_factor", LayoutOps::pixelUnshuffle);
        reg("channel_shuffle", "self groups", LayoutOps::channelShuffle);
        reg("unflatten", "self dim sizes", LayoutOps::unflatten);
        reg("movedim", "self source destination", LayoutOps::movedim);
        reg("tensor_split", "self indices_or_sections dim", LayoutOps::tensorSplit);
        reg("repeat_interleave", "self repeats dim output_size", LayoutOps::repeatInterleave);
        reg("meshgrid", "tensors indexing", LayoutOps::meshgrid);
        reg("einsum", "equation tensors path", MathOps::einsum);

        // --- Python values (scripted code) ---
        reg("__is__", "self obj", a -> PyOps.binary("is", a.get("self"), a.get("obj")));
        reg("__isnot__", "self obj", a -> PyOps.binary("is not", a.get("self"), a.get("obj")));
        reg("__not__", "self", a -> !ScriptInterpreter.truth(a.get("self"), "a 'not'"));
        reg("__and__", "self other", a -> MathOps.isTensorOperation(a) ? MathOps.logic(a, "And")
                : ScriptInterpreter.truth(a.get("self"), "an 'and'") && ScriptInterpreter.truth(a.get("other"), "an 'and'"));
        reg("__or__", "self other", a -> MathOps.isTensorOperation(a) ? MathOps.logic(a, "Or")
                : ScriptInterpreter.truth(a.get("self"), "an 'or'") || ScriptInterpreter.truth(a.get("other"), "an 'or'"));
        reg("__contains__", "self key", a -> PyOps.binary("in", a.get("key"), a.get("self")));
        reg("format", "self a0 a1 a2 a3 a4 a5 a6 a7", PyOps::format);
        reg("warn", "message stacklevel", a -> null);
        reg("list", "self", a -> new ArrayList<>(a.list("self")));
        reg("copy", "self", a -> new ArrayList<>(a.list("self")));
        reg("_set_item", "l idx el", PyOps::setItem);
        reg("append", "self el", PyOps::append);

        // --- identities, casts and creation ---
        for (String op : List.of("contiguous", "clone", "detach")) {
            reg(op, "self memory_format", a -> a.tensor("self"));
        }
        for (String op : List.of("dropout", "feature_dropout", "alpha_dropout", "feature_alpha_dropout")) {
            reg(op, "input p train", ShapeOps::dropout);
        }
        reg("to", "self dtype layout device pin_memory non_blocking copy memory_format", ShapeOps::to);
        reg("type_as", "self other", ShapeOps::typeAs);
        reg("copy_", "self src non_blocking", ShapeOps::copy);
        reg("tensor", "data dtype device requires_grad", ShapeOps::tensor);
        reg("zeros", "size dtype layout device pin_memory", a -> ShapeOps.full(a, 0.0));
        reg("ones", "size dtype layout device pin_memory", a -> ShapeOps.full(a, 1.0));
        reg("full", "size fill_value dtype layout device pin_memory", a -> ShapeOps.full(a, null));
        reg("zeros_like", "self dtype layout device pin_memory memory_format", a -> ShapeOps.fullLike(a, 0.0));
        reg("ones_like", "self dtype layout device pin_memory memory_format", a -> ShapeOps.fullLike(a, 1.0));
        reg("full_like", "self fill_value dtype layout device pin_memory memory_format", a -> ShapeOps.fullLike(a, null));
        reg("fill", "self fill_value", a -> ShapeOps.fullLike(a, null));
        reg("arange", "a0 a1 a2 dtype layout device pin_memory", CreationOps::arange);
        reg("linspace", "start end steps dtype layout device pin_memory", CreationOps::linspace);
        reg("eye", "n m dtype layout device pin_memory", CreationOps::eye);
        reg("diag", "self diagonal", CreationOps::diag);
        reg("new_zeros", "self size dtype layout device pin_memory", a -> ShapeOps.newFull(a, 0.0));
        reg("new_ones", "self size dtype layout device pin_memory", a -> ShapeOps.newFull(a, 1.0));
        reg("new_full", "self size fill_value dtype layout device pin_memory", a -> ShapeOps.newFull(a, null));
    }

    private AtenOps() {
    }

    private static void reg(String op, String params, Mapping m) {
        if (TABLE.put(op, new Entry(Arrays.asList(params.split(" ")), m)) != null) {
            throw new IllegalStateException("two mappings for aten::" + op);
        }
    }

    /** Every aten op with a mapping (an in-place {@code op_} maps as {@code op}). */
    static Set<String> ops() {
        return Collections.unmodifiableSet(TABLE.keySet());
    }

    /** Maps one aten call; positional and keyword arguments as the code gives them. */
    static Object call(String op, List<Object> args, Map<String, Object> kwargs, IrBuilder ir) {
        Entry e = TABLE.get(op);
        String name = op;
        boolean inPlace = op.endsWith("_") && !op.endsWith("__");
        if (e == null && inPlace) {
            name = op.substring(0, op.length() - 1);
            e = TABLE.get(name);
        }
        if (e == null) {
            throw new ScriptError("aten::" + op + " has no mapping in pnnx-j's TorchScript reader");
        }
        OpArgs a = new OpArgs(name, e.params(), args, kwargs, ir);
        Entry entry = e;
        Object result = ir.mapping(name, () -> entry.mapping().apply(a));
        if (inPlace && a.get(e.params().get(0)) instanceof Value target && result instanceof Value written) {
            ir.writes().write(target, written);
        }
        return result;
    }
}

package dev.pnnxj.convert;

import dev.pnnxj.frontend.onnx.OnnxReader;
import dev.pnnxj.frontend.torchscript.TorchScriptReader;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.Emitters;
import dev.pnnxj.ncnn.emit.PassThroughEmitter;
import dev.pnnxj.ncnn.emit.Refusal;
import dev.pnnxj.passes.fold.ConstantEvaluator;
import dev.pnnxj.passes.shape.ShapeRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Makes docs/ops.md: every ONNX/IR op and every aten op pnnx-j knows, with what becomes of it. The
 * op sets and ncnn layer types come from the code's own tables (OpsetUpgrade, ShapeRules,
 * ConstantEvaluator, Emitters and each emitter's {@link Emitter#layerTypes}, the TorchScript
 * reader's aten table); the IR ops each aten op produces are observed by reading test archives
 * ({@link TorchScriptReader#atenIrOps}), since a mapping is code, not data. Passes do not
 * declare the ops they consume, so {@link #REWRITES} and {@link #FUSED} are declared here, one line
 * per pass and op, naming classes that OpsDocTest checks exist.
 */
public final class OpsTable {
    /** A pass (or reader step) that replaces {@code op} by {@code into} (or removes it) when {@code when} holds. */
    private record Rewrite(String op, String by, String when, List<String> into) {
    }

    /** An op a pass (or reader) makes from a pattern of other ops. */
    private record Fused(String op, String form, String madeBy) {
    }

    private static final List<Rewrite> REWRITES = List.of(
            new Rewrite("Constant", "OnnxGraphBuilder", "always: becomes a constant value", List.of()),
            new Rewrite("Loop", "StaticLoop", "constant trip count and constant-true condition: unrolled", List.of()),
            new Rewrite("Upsample", "OpsetUpgrade", "always", List.of("Resize")),
            new Rewrite("Identity", "RemoveIdentity", "always", List.of()),
            new Rewrite("Dropout", "RemoveIdentity", "inference (mask unused)", List.of()),
            new Rewrite("Cast", "RemoveIdentity", "to its own type", List.of()),
            new Rewrite("Reshape", "RemoveIdentity", "to its input's shape", List.of()),
            new Rewrite("Reshape", "MergeConsecutive", "of a Reshape", List.of()),
            new Rewrite("Expand", "RemoveIdentity", "to its input's shape", List.of()),
            new Rewrite("Transpose", "RemoveIdentity", "identity perm", List.of()),
            new Rewrite("Transpose", "MergeConsecutive", "of a Transpose", List.of()),
            new Rewrite("Transpose", "MovesAsReshape", "moving only size-1 axes", List.of("Reshape")),
            new Rewrite("Squeeze", "MovesAsReshape", "known output shape", List.of("Reshape")),
            new Rewrite("Unsqueeze", "MovesAsReshape", "known output shape", List.of("Reshape")),
            new Rewrite("LSTM", "RecurrentToBatchFirst", "always", List.of("BatchFirstLSTM", "Transpose", "Reshape")),
            new Rewrite("GRU", "RecurrentToBatchFirst", "always", List.of("BatchFirstGRU", "Transpose", "Reshape")),
            new Rewrite("RNN", "RecurrentToBatchFirst", "always", List.of("BatchFirstRNN", "Transpose", "Reshape")),
            new Rewrite("ScatterND", "RewriteSliceAssignment", "rectangular blocks written into zeros", List.of("Slice", "Concat")),
            new Rewrite("Gather", "RewriteConstantGather", "scalar constant index", List.of("Slice", "Squeeze")),
            new Rewrite("Where", "RewriteWhere", "constant condition, or data condition with a float32 result and"
                    + " finite constant branches", List.of("Mul", "Add", "Cast", "Not")),
            new Rewrite("Where", "FuseShrink", "optlevel >= 1, hardshrink/softshrink selects", List.of("Shrink")),
            new Rewrite("Einsum", "RewriteEinsum", "two operands, letters batch/contracted/free", List.of("Transpose", "Reshape", "MatMul")),
            new Rewrite("SplitToSequence", "RewriteSequenceSplit", "constant sizes, read by SequenceAt(constant)", List.of("Split")),
            new Rewrite("SequenceAt", "RewriteSequenceSplit", "of SplitToSequence at a constant index", List.of()),
            new Rewrite("SequenceAt", "ResolveSequences", "of SequenceEmpty/SequenceInsert at a constant index", List.of()),
            new Rewrite("SequenceEmpty", "ResolveSequences", "read only by SequenceInsert/SequenceAt", List.of()),
            new Rewrite("SequenceInsert", "ResolveSequences", "at constant positions, read by SequenceAt", List.of()),
            new Rewrite("BatchNormalization", "FuseConvBatchNorm", "optlevel >= 1, after Conv/ConvTranspose/Gemm", List.of()),
            new Rewrite("InstanceNormalization", "FuseGroupNorm", "optlevel >= 1, GroupNorm's Reshape pattern", List.of()));

    private static final List<Fused> FUSED = List.of(
            new Fused("Gelu", "erf or tanh form", "FuseGelu"),
            new Fused("Mish", "x * tanh(softplus(x))", "FuseMish"),
            new Fused("HardSwish", "x * hardsigmoid(x), x * clip(x + 3, 0, 6) / 6", "FuseHardSwish"),
            new Fused("Swish", "x * sigmoid(x) (pnnx-j-only)", "FuseSwish"),
            new Fused("LayerNormalization", "mean/variance over trailing axes", "FuseLayerNorm"),
            new Fused("RMSNormalization", "x / sqrt(mean(x²) + eps)", "FuseRmsNorm"),
            new Fused("GroupNormalization", "Reshape, InstanceNormalization, Reshape, Mul, Add", "FuseGroupNorm"),
            new Fused("MatMul", "with a bias input (pnnx-j-only)", "FuseMatMulAdd"),
            new Fused("MultiHeadAttention", "packed-projection self-attention (pnnx-j-only)", "FuseMultiHeadAttention"),
            new Fused("ShuffleChannel", "5-D Reshape, Transpose, Reshape (pnnx-j-only)", "FuseChannelShuffle"),
            new Fused("DepthToSpace", "6-D pixel-shuffle chains", "FuseChannelShuffle"),
            new Fused("SpaceToDepth", "6-D pixel-unshuffle chains (mode CRD, pnnx-j-only)", "FuseChannelShuffle"),
            new Fused("SpaceToDepth", "YOLOv5 Focus: four stride-2 slices, Concat", "FuseFocus"),
            new Fused("Split", "sibling Slices tiling an axis", "FuseSlicesIntoSplit"),
            new Fused("Shrink", "exported hardshrink/softshrink Where selects", "FuseShrink"),
            new Fused("BatchFirstLSTM", "LSTM (pnnx-j-only)", "RecurrentToBatchFirst"),
            new Fused("BatchFirstGRU", "GRU (pnnx-j-only)", "RecurrentToBatchFirst"),
            new Fused("BatchFirstRNN", "RNN (pnnx-j-only)", "RecurrentToBatchFirst"),
            new Fused("Log1p", "torch.log1p (pnnx-j-only)", "TorchScriptReader"),
            new Fused("Expm1", "torch.expm1 (pnnx-j-only)", "TorchScriptReader"));

    private OpsTable() {
    }

    /**
     * The markdown of docs/ops.md, given aten op → IR op types seen when reading the op cases
     * (aten ops no case calls are listed without IR ops).
     */
    public static String markdown(Map<String, Set<String>> atenIrOps) {
        Map<String, Integer> upgrades = OnnxReader.opsetUpgrades();
        Set<String> ops = new TreeSet<>(Emitters.ops());
        ops.addAll(ShapeRules.ops());
        ops.addAll(ConstantEvaluator.ops());
        ops.addAll(upgrades.keySet());
        REWRITES.forEach(r -> ops.add(r.op()));
        FUSED.forEach(f -> ops.add(f.op()));
        atenIrOps.values().forEach(ops::addAll);

        StringBuilder md = new StringBuilder();
        md.append("# Ops\n\n")
                .append("Generated from the code's tables by `dev.pnnxj.convert.OpsTable`; `OpsDocTest` fails when this\n")
                .append("file is stale: run `mvn -Dops.update=true -Dtest=OpsDocTest test` to refresh it. Do not edit.\n\n")
                .append("## ONNX / IR ops\n\n")
                .append("Every op the ONNX reader, a shape rule, a constant-fold kernel, an emitter, a pass or the\n")
                .append("TorchScript reader knows, in the IR's (latest ONNX) signature. *status*: **lowered** (an emitter\n")
                .append("writes the ncnn layers named; an emitter may still refuse a form, with the reason),\n")
                .append("**passed through** (the output is the input blob), **folded only** (evaluated when every input\n")
                .append("is constant, refused otherwise), **rewritten** (replaced by the passes named, refused where\n")
                .append("their conditions fail), **refused** (no emitter: `no ncnn layer implements` it). *fold*: a kernel\n")
                .append("evaluates it on constant inputs (a lowered op folds too); *shape*: a shape rule infers its outputs;\n")
                .append("*upgrade*: the ONNX reader rewrites older signatures below that opset. The rewrites column is\n")
                .append("declared in `OpsTable.REWRITES` (passes do not declare the ops they consume); docs/passes.md\n")
                .append("has each pass's pattern.\n\n")
                .append("| op | status | ncnn layers | fold | shape | rewritten by | upgrade |\n")
                .append("| --- | --- | --- | --- | --- | --- | --- |\n");
        for (String op : ops) {
            Emitter e = Emitters.get(op);
            Integer below = upgrades.get(op);
            md.append("| `").append(op).append("` | ").append(cell(status(op))).append(" | ")
                    .append(e == null ? "" : String.join(", ", new TreeSet<>(e.layerTypes()))).append(" | ")
                    .append(ConstantEvaluator.kernel(op) != null ? "yes" : "").append(" | ")
                    .append(ShapeRules.get(op) != null ? "yes" : "").append(" | ")
                    .append(rewrites(op).stream().map(r -> cell(describe(r)))
                            .collect(Collectors.joining("; "))).append(" | ")
                    .append(below == null ? "" : below == Integer.MAX_VALUE ? "all" : "< " + below).append(" |\n");
        }

        md.append("\n## Fused ops\n\n")
                .append("Ops passes make from patterns, and the pnnx-j-only ops a reader makes (declared in\n")
                .append("`OpsTable.FUSED`; docs/ir.md defines the pnnx-j-only ones, docs/passes.md the patterns).\n\n")
                .append("| op | from | made by | ncnn layers |\n")
                .append("| --- | --- | --- | --- |\n");
        for (Fused f : FUSED) {
            Emitter e = Emitters.get(f.op());
            md.append("| `").append(f.op()).append("` | ").append(cell(f.form())).append(" | ").append(f.madeBy()).append(" | ")
                    .append(String.join(", ", layers(f.op(), new TreeSet<>()))).append(" |\n");
        }

        md.append("\n## aten ops (TorchScript)\n\n")
                .append("Every aten op the TorchScript reader maps (an in-place `op_` maps as `op`, its result written\n")
                .append("back). *IR ops* are those its mapping added while reading the test archives (the `.pt`\n")
                .append("files of testdata/ops and testdata/torchscript), folded at once or not: what real calls\n")
                .append("produce, since a mapping is code and declares nothing. *none*: it yields a Python value or one\n")
                .append("of its inputs; *not exercised*: no test archive calls it, so what it makes is not known here.\n")
                .append("An IR op that is not lowered carries its status; *ncnn layers*\n")
                .append("is the union over them, through the results of rewrites other than fusions.\n\n")
                .append("| aten op | IR ops | ncnn layers |\n")
                .append("| --- | --- | --- |\n");
        for (String aten : new TreeSet<>(TorchScriptReader.atenOps())) {
            Set<String> ir = atenIrOps.get(aten);
            md.append("| `").append(aten).append("` | ");
            if (ir == null) {
                md.append("not exercised | |\n");
                continue;
            }
            Set<String> layers = new TreeSet<>();
            List<String> named = new ArrayList<>();
            for (String op : ir) {
                // the reason of a refusal is in the ONNX table
                String s = status(op).split(":", 2)[0];
                named.add(s.equals("lowered") || s.equals("passed through") ? op : op + " (" + s + ")");
                layers.addAll(layers(op, new TreeSet<>()));
            }
            md.append(ir.isEmpty() ? "none" : String.join(", ", named)).append(" | ")
                    .append(String.join(", ", layers)).append(" |\n");
        }
        return md.toString();
    }

    /** Text for a table cell: markdown's emphasis and column marks taken literally. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace("*", "\\*");
    }

    private static String describe(Rewrite r) {
        return r.by() + (r.into().isEmpty() ? "" : " → " + String.join(", ", r.into())) + " (" + r.when() + ")";
    }

    /** The ncnn layers {@code op} may become: its emitter's, and those of the ops non-fusing rewrites turn it into. */
    private static Set<String> layers(String op, Set<String> seen) {
        Set<String> layers = new TreeSet<>();
        if (!seen.add(op)) {
            return layers;
        }
        Emitter e = Emitters.get(op);
        if (e != null) {
            layers.addAll(e.layerTypes());
        }
        for (Rewrite r : rewrites(op)) {
            // a fusion needs the ops around this one, so what it makes is not this op's to claim
            if (!r.by().startsWith("Fuse")) {
                r.into().forEach(into -> layers.addAll(layers(into, seen)));
            }
        }
        return layers;
    }

    private static List<Rewrite> rewrites(String op) {
        return REWRITES.stream().filter(r -> r.op().equals(op)).toList();
    }

    private static String status(String op) {
        Emitter e = Emitters.get(op);
        if (e instanceof PassThroughEmitter) {
            return "passed through";
        }
        if (e != null && !e.layerTypes().isEmpty()) {
            return "lowered";
        }
        boolean rewritten = !rewrites(op).isEmpty();
        boolean folds = ConstantEvaluator.kernel(op) != null;
        if (e != null) {
            // an emitter that writes no layer refuses what the passes leave
            String refused = e instanceof Refusal r ? "refused: " + r.reason() : "refused by " + e.getClass().getSimpleName();
            return rewritten ? "rewritten, else " + refused : refused;
        }
        if (rewritten) {
            return folds ? "folded or rewritten" : "rewritten";
        }
        return folds ? "folded only" : "refused";
    }

    /** The classes {@link #REWRITES} and {@link #FUSED} name, for checking that they exist. */
    static Set<String> passNames() {
        Set<String> names = new TreeSet<>();
        REWRITES.forEach(r -> names.add(r.by()));
        FUSED.forEach(f -> names.add(f.madeBy()));
        return names;
    }
}

package dev.pnnxj.verify;

import dev.pnnxj.ConversionException;
import dev.pnnxj.convert.InputShape;
import dev.pnnxj.frontend.onnx.proto.Onnx;
import dev.pnnxj.io.IoMessages;
import dev.pnnxj.ncnn.Manifest;
import dev.pnnxj.ncnn.layer.Input;
import dev.pnnxj.util.Npy;
import dev.pnnxj.verify.layers.Layers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a {@link Reference} (usually the ONNX model in onnxruntime) and the ncnn conversion in
 * {@link NcnnExecutor} on the same inputs and measures how far each output is from the
 * reference's. With {@link Options#blobs()} every ONNX tensor an ncnn blob stands for (per the
 * weight manifest, {@code bin + ".json"}) is fetched too, so the first layer whose output
 * diverges can be named.
 */
public final class ModelComparison {
    private ModelComparison() {
    }

    /**
     * What to feed and how strictly to judge. {@code inputs} maps a reference input name (or its
     * ncnn blob name, or its source tensor in the manifest) to a .npy file; other inputs get
     * normal random float32 values from {@code seed}.
     * An output passes when cosine >= {@code minCosine}, max error / max|ref| <= {@code maxRel}
     * and max error <= {@code maxAbs} (use infinity to leave a bound out).
     */
    public record Options(Map<String, Path> inputs, long seed, double minCosine, double maxRel, double maxAbs,
            boolean blobs) {

        /** The default tolerances: cosine 0.9999 and rtol 1e-3 for fp32 weights, 0.999 and 1e-2 for fp16. */
        public static Options defaults(boolean fp16) {
            return new Options(Map.of(), 0, fp16 ? 0.999 : 0.9999, fp16 ? 1e-2 : 1e-3, Double.POSITIVE_INFINITY,
                    false);
        }

        boolean within(Metrics m) {
            return m.cosine() >= minCosine && m.maxRel() <= maxRel && m.maxAbs() <= maxAbs;
        }
    }

    /**
     * One model output: the reference's name for it, the ncnn blob paired with it, the distance of
     * ncnn's value from the reference's, and the verdict.
     */
    public record OutputResult(String name, String blob, Metrics metrics, boolean pass) {
    }

    /**
     * Every output's result, and with {@link Options#blobs()} the first layer (in .param order)
     * whose output is below the cosine threshold, described with its source ONNX node; null when
     * none is, or blobs were not compared.
     */
    public record Result(List<OutputResult> outputs, String firstDivergingLayer) {
        /** Whether every output is within tolerance. */
        public boolean pass() {
            return outputs.stream().allMatch(OutputResult::pass);
        }
    }

    /**
     * Compares {@code param}/{@code bin} with {@code onnxModel} run in onnxruntime. {@code inputShapes}
     * are the shapes the model was converted at ({@code inputshape=}); empty means the model's own
     * static shapes. Only here, where the reference is the converted model itself, can
     * {@link Options#blobs()} pair ncnn blobs with reference tensors (by the manifest's names).
     */
    public static Result compare(Path onnxModel, List<InputShape> inputShapes, Path param, Path bin, Options o) {
        Manifest manifest = readManifest(bin);
        if (!o.blobs()) {
            try (Reference ref = OnnxRuntimeReference.open(onnxModel)) {
                return compare(ref, manifest, null, inputShapes, param, bin, o);
            }
        }
        if (manifest == null) {
            throw new ConversionException("blob-by-blob comparison needs the weight manifest " + manifestFile(bin)
                    + ", which pnnx-j writes next to the .bin");
        }
        Onnx.ModelProto proto = readModel(onnxModel);
        Map<String, String> blobTensors = reachableBlobs(manifest.blobs(), proto);
        try (Reference ref = OnnxRuntimeReference.open(onnxModel, proto, blobTensors.values())) {
            return compare(ref, manifest, new BlobPairs(proto, blobTensors), inputShapes, param, bin, o);
        }
    }

    /**
     * Compares {@code param}/{@code bin} with any reference (another export of the network, saved
     * outputs), pairing inputs and outputs by position. {@link Options#blobs()} is refused: the
     * reference's intermediate values, if it has any, have no known ncnn blobs.
     */
    public static Result compare(Reference ref, List<InputShape> inputShapes, Path param, Path bin, Options o) {
        if (o.blobs()) {
            throw blobsNeedTheModel(ref.describe());
        }
        return compare(ref, readManifest(bin), null, inputShapes, param, bin, o);
    }

    /** Why --blobs cannot compare against {@code reference}: only the converted model names its blobs' tensors. */
    public static ConversionException blobsNeedTheModel(String reference) {
        return new ConversionException("blob-by-blob comparison pairs ncnn blobs with the ONNX model's own"
                + " tensors, so it needs the converted .onnx model as the reference, not " + reference);
    }

    /** Ncnn blob → reference tensor for blob-by-blob comparison, and the model naming the tensors' nodes. */
    private record BlobPairs(Onnx.ModelProto proto, Map<String, String> tensors) {
    }

    private static Result compare(Reference ref, Manifest manifest, BlobPairs blobs, List<InputShape> inputShapes,
            Path param, Path bin, Options o) {
        NcnnExecutor ncnn = NcnnExecutor.load(param, bin);
        // a manifest lists the blobs as the converter numbered them (in0.., out0..); the .param
        // alone gives them in layer order
        List<String> ncnnInputs = manifest != null ? List.copyOf(manifest.inputs().keySet()) : ncnn.inputNames();
        List<String> ncnnOutputs = manifest != null ? List.copyOf(manifest.outputs().keySet()) : ncnn.outputNames();
        List<String> refOutputs = ref.outputs();
        if (refOutputs.size() != ncnnOutputs.size()) {
            throw new ConversionException(ref.describe() + " has " + refOutputs.size() + " output(s) ("
                    + String.join(", ", refOutputs) + ") but the ncnn model has " + ncnnOutputs.size() + " ("
                    + String.join(", ", ncnnOutputs) + ")");
        }
        ComparisonInputs in = ComparisonInputs.of(ref, ncnn, ncnnInputs,
                manifest != null ? manifest.inputs() : Map.of(), inputShapes, o.inputs(), o.seed());
        Map<String, Npy> expected = ref.run(in.reference());
        boolean batched = in.ncnn().values().stream().anyMatch(samples -> samples.size() > 1);
        if (blobs != null && batched) {
            throw new ConversionException("blob-by-blob comparison pairs one sample's blobs with the model's"
                    + " tensors: compare --blobs at batch 1");
        }
        Map<String, List<Mat>> got = ncnn.runBatched(in.ncnn(), ncnnOutputs);
        List<OutputResult> results = new ArrayList<>();
        for (int i = 0; i < ncnnOutputs.size(); i++) {
            Metrics m = measure(ncnnOutputs.get(i), got.get(ncnnOutputs.get(i)), refOutputs.get(i), expected, ref);
            results.add(new OutputResult(refOutputs.get(i), ncnnOutputs.get(i), m, o.within(m)));
        }
        String diverging = null;
        if (blobs != null) {
            Map<String, Mat> one = new LinkedHashMap<>();
            in.ncnn().forEach((blob, samples) -> one.put(blob, samples.get(0)));
            diverging = firstDivergingLayer(param, ncnn.runAll(one), blobs, expected, manifest, o);
        }
        return new Result(results, diverging);
    }

    private static Path manifestFile(Path bin) {
        return bin.resolveSibling(bin.getFileName() + ".json");
    }

    private static Manifest readManifest(Path bin) {
        Path file = manifestFile(bin);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Manifest.read(file);
        } catch (IOException e) {
            throw new ConversionException("cannot read the weight manifest " + file + ": " + IoMessages.reason(e), e);
        }
    }

    private static Onnx.ModelProto readModel(Path model) {
        try {
            return Onnx.ModelProto.parseFrom(Files.readAllBytes(model));
        } catch (IOException e) {
            throw new ConversionException("cannot read " + model + ": " + IoMessages.reason(e), e);
        }
    }

    /** Blob → ONNX tensor for blobs whose tensor some node of the main graph computes. */
    private static Map<String, String> reachableBlobs(Map<String, String> blobs, Onnx.ModelProto proto) {
        Set<String> computed = new HashSet<>();
        for (Onnx.NodeProto n : proto.getGraph().getNodeList()) {
            computed.addAll(n.getOutputList());
        }
        Map<String, String> out = new LinkedHashMap<>();
        blobs.forEach((blob, tensor) -> {
            if (computed.contains(tensor)) {
                out.put(blob, tensor);
            }
        });
        return out;
    }

    private static Metrics measure(String blob, List<Mat> samples, String output, Map<String, Npy> expected,
            Reference ref) {
        Npy want = expected.get(output);
        if (want == null) {
            throw new ConversionException(ref.describe() + " gave no value for output '" + output + "'");
        }
        if (samples == null) {
            throw new ConversionException("ncnn model has no blob '" + blob + "' for output '" + output + "'");
        }
        float[] actual = BatchedBlobs.join(samples);
        if (actual.length != want.count()) {
            throw new ConversionException("output '" + output + "': ncnn blob '" + blob + "' has shape "
                    + (samples.size() > 1 ? samples.size() + " x " : "") + samples.get(0).shapeString() + " ("
                    + actual.length + " values) but " + ref.describe() + " gives "
                    + Arrays.toString(want.shape()) + " (" + want.count() + " values)");
        }
        return Metrics.of(actual, want.floats());
    }

    /**
     * The first layer whose top is past any of the tolerances (cosine, relative or absolute error,
     * as the outputs are judged). Its source node is the one the
     * manifest records for a layer with weights (a fused Conv+Relu names the Conv), else the node
     * computing the compared tensor. Tensors ncnn holds in another size (none so far) are skipped.
     */
    private static String firstDivergingLayer(Path param, Map<String, Mat> got, BlobPairs blobs,
            Map<String, Npy> ref, Manifest manifest, Options o) {
        Map<String, String> source = new HashMap<>();
        for (Onnx.NodeProto n : blobs.proto().getGraph().getNodeList()) {
            n.getOutputList().forEach(t -> source.put(t, "'" + n.getName() + "' (" + n.getOpType() + ")"));
        }
        Map<String, String> layerSource = new HashMap<>();
        manifest.layers().forEach(l -> layerSource.put(l.name(), "'" + l.source() + "'"));
        for (NcnnParamFile.LayerDecl d : NcnnParamFile.read(param, Layers::isKnown).layers()) {
            for (String top : d.tops()) {
                String tensor = blobs.tensors().get(top);
                Mat actual = got.get(top);
                if (tensor == null || actual == null || d.type().equals(Input.TYPE)) {
                    continue;
                }
                Npy value = ref.get(tensor);
                float[] expected = value != null ? value.floats() : null;
                if (expected == null || expected.length != actual.total()) {
                    continue;
                }
                Metrics m = Metrics.of(actual.data(), expected);
                if (!o.within(m)) {
                    return "layer '" + d.name() + "' (" + d.type() + ") from ONNX node "
                            + layerSource.getOrDefault(d.name(), source.get(tensor)) + ": blob '" + top
                            + "' vs tensor '" + tensor + "': " + m;
                }
            }
        }
        return null;
    }
}

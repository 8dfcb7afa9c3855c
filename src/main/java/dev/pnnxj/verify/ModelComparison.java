package dev.pnnxj.verify;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.google.protobuf.ByteString;
import dev.pnnxj.ConversionException;
import dev.pnnxj.convert.InputShape;
import dev.pnnxj.frontend.onnx.proto.Onnx;
import dev.pnnxj.ncnn.Manifest;
import dev.pnnxj.util.Npy;
import dev.pnnxj.verify.layers.Layers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Runs an ONNX model in onnxruntime and its ncnn conversion in {@link NcnnExecutor} on the same
 * inputs and measures how far each output is from the onnxruntime reference. With
 * {@link Options#blobs()} every ONNX tensor an ncnn blob stands for (per the weight manifest,
 * {@code bin + ".json"}) is fetched too, so the first layer whose output diverges can be named.
 */
public final class ModelComparison {
    private ModelComparison() {
    }

    /**
     * What to feed and how strictly to judge. {@code inputs} maps an ONNX input name (or its ncnn
     * blob name) to a .npy file; other inputs get normal random float32 values from {@code seed}.
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

    /** One model output: its ONNX name, the distance of ncnn's value from onnxruntime's, and the verdict. */
    public record OutputResult(String name, Metrics metrics, boolean pass) {
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
     * Compares {@code param}/{@code bin} with {@code onnxModel}. {@code inputShapes} are the shapes
     * the model was converted at ({@code inputshape=}); empty means the model's own static shapes.
     */
    public static Result compare(Path onnxModel, List<InputShape> inputShapes, Path param, Path bin, Options o) {
        Path manifestFile = bin.resolveSibling(bin.getFileName() + ".json");
        Manifest manifest = readManifest(manifestFile);
        if (o.blobs() && manifest == null) {
            throw new ConversionException("blob-by-blob comparison needs the weight manifest " + manifestFile
                    + ", which pnnx-j writes next to the .bin");
        }
        NcnnExecutor ncnn = NcnnExecutor.load(param, bin);
        OrtEnvironment env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
        Onnx.ModelProto proto = o.blobs() ? readModel(onnxModel) : null;
        Map<String, String> blobTensors = o.blobs() ? reachableBlobs(manifest.blobs(), proto) : Map.of();
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions();
             OrtSession session = open(env, so, onnxModel, proto, blobTensors.values())) {
            Inputs in = inputs(env, session, inputShapes, manifest, ncnn.inputNames(), o);
            try (OrtSession.Result ref = session.run(in.onnx)) {
                Map<String, String> outputBlobs = outputBlobs(manifest, ncnn.outputNames(), session);
                Map<String, Mat> got = o.blobs() ? ncnn.runAll(in.ncnn)
                        : ncnn.run(in.ncnn, new ArrayList<>(outputBlobs.keySet()));
                List<OutputResult> results = new ArrayList<>();
                for (Map.Entry<String, String> e : outputBlobs.entrySet()) {
                    Metrics m = measure(e.getKey(), got.get(e.getKey()), e.getValue(), ref);
                    results.add(new OutputResult(e.getValue(), m, o.within(m)));
                }
                String diverging = o.blobs() ? firstDivergingLayer(param, got, blobTensors, ref, proto, manifest, o) : null;
                return new Result(results, diverging);
            } finally {
                in.onnx.values().forEach(OnnxTensor::close);
            }
        } catch (OrtException e) {
            throw new ConversionException("onnxruntime cannot run " + onnxModel + ": " + e.getMessage(), e);
        }
    }

    private static Manifest readManifest(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Manifest.read(file);
        } catch (IOException e) {
            throw new ConversionException("cannot read the weight manifest " + file + ": " + e.getMessage(), e);
        }
    }

    private static Onnx.ModelProto readModel(Path model) {
        try {
            return Onnx.ModelProto.parseFrom(Files.readAllBytes(model));
        } catch (IOException e) {
            throw new ConversionException("cannot read " + model + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens the session; to fetch intermediate tensors they are added as graph outputs to the
     * model's bytes, with any external data inlined (onnxruntime resolves external files only for
     * models loaded from a path).
     */
    private static OrtSession open(OrtEnvironment env, OrtSession.SessionOptions so, Path model,
            Onnx.ModelProto proto, Iterable<String> extraOutputs) throws OrtException {
        so.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
        so.setIntraOpNumThreads(1);
        if (proto == null) {
            return env.createSession(model.toString(), so);
        }
        Onnx.ModelProto.Builder b = proto.toBuilder();
        Set<String> present = new HashSet<>();
        b.getGraph().getOutputList().forEach(v -> present.add(v.getName()));
        for (String t : extraOutputs) {
            if (present.add(t)) {
                b.getGraphBuilder().addOutput(Onnx.ValueInfoProto.newBuilder().setName(t));
            }
        }
        inlineExternalData(b.getGraphBuilder(), model.toAbsolutePath().normalize().getParent());
        return env.createSession(b.build().toByteArray(), so);
    }

    private static void inlineExternalData(Onnx.GraphProto.Builder g, Path dir) {
        for (Onnx.TensorProto.Builder t : g.getInitializerBuilderList()) {
            if (t.getDataLocation() != Onnx.TensorProto.DataLocation.EXTERNAL) {
                continue;
            }
            Map<String, String> kv = new HashMap<>();
            t.getExternalDataList().forEach(e -> kv.put(e.getKey(), e.getValue()));
            Path file = dir.resolve(kv.getOrDefault("location", "")).normalize();
            if (!file.startsWith(dir) || !Files.isRegularFile(file)) {
                throw new ConversionException("external data of tensor '" + t.getName() + "' is not a file in "
                        + dir + ": " + kv.get("location"));
            }
            try (FileChannel ch = FileChannel.open(file)) {
                long offset = Long.parseLong(kv.getOrDefault("offset", "0"));
                long length = kv.containsKey("length") ? Long.parseLong(kv.get("length")) : ch.size() - offset;
                ByteBuffer data = ByteBuffer.allocate(Math.toIntExact(length));
                int read = 0;
                while (data.hasRemaining() && read >= 0) {
                    read = ch.read(data, offset + data.position());
                }
                if (data.hasRemaining()) {
                    throw new IOException("the file ends before " + length + " bytes from offset " + offset);
                }
                t.setRawData(ByteString.copyFrom(data.flip()));
            } catch (IOException | NumberFormatException e) {
                throw new ConversionException("cannot read external data of tensor '" + t.getName() + "' from "
                        + file + ": " + e.getMessage(), e);
            }
            t.clearExternalData().clearDataLocation();
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

    /** Feeds for both runtimes. */
    private record Inputs(Map<String, OnnxTensor> onnx, Map<String, Mat> ncnn) {
    }

    private static Inputs inputs(OrtEnvironment env, OrtSession session, List<InputShape> shapes, Manifest manifest,
            List<String> ncnnInputs, Options o) throws OrtException {
        Map<String, NodeInfo> info = session.getInputInfo();
        if (!shapes.isEmpty() && shapes.size() != info.size()) {
            throw new ConversionException("inputshape= gives " + shapes.size() + " shape(s) but the model has "
                    + info.size() + " input(s): " + String.join(", ", info.keySet()));
        }
        Map<String, String> blobOf = new HashMap<>();
        List<String> onnxNames = new ArrayList<>(info.keySet());
        for (int i = 0; i < onnxNames.size(); i++) {
            blobOf.put(onnxNames.get(i), i < ncnnInputs.size() ? ncnnInputs.get(i) : null);
        }
        if (manifest != null) {
            manifest.inputs().forEach((blob, tensor) -> blobOf.put(tensor, blob));
        }
        for (String given : o.inputs().keySet()) {
            if (!info.containsKey(given) && !blobOf.containsValue(given)) {
                throw new ConversionException("--input " + given + ": the model has no input of that name (inputs: "
                        + String.join(", ", onnxNames) + ")");
            }
        }
        Random random = new Random(o.seed());
        Map<String, OnnxTensor> onnx = new LinkedHashMap<>();
        Map<String, Mat> ncnn = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, NodeInfo> e : info.entrySet()) {
            String name = e.getKey();
            String blob = blobOf.get(name);
            TensorInfo ti = (TensorInfo) e.getValue().getInfo();
            long[] shape = shapes.isEmpty() ? staticShape(name, ti.getShape()) : toLong(shapes.get(i).shape().dims());
            Path file = o.inputs().containsKey(name) ? o.inputs().get(name) : o.inputs().get(blob);
            Npy value = file != null ? readInput(name, file, shape, ti.type) : randomInput(name, shape, ti.type, random);
            onnx.put(name, ti.type == OnnxJavaType.INT64
                    ? OnnxTensor.createTensor(env, LongBuffer.wrap(value.longs()), shape)
                    : OnnxTensor.createTensor(env, FloatBuffer.wrap(value.floats()), shape));
            if (blob == null) {
                throw new ConversionException("ONNX input '" + name + "' has no ncnn Input blob");
            }
            ncnn.put(blob, Mat.of(ncnnInputShape(shape), value.toFloats()));
            i++;
        }
        return new Inputs(onnx, ncnn);
    }

    private static long[] staticShape(String name, long[] shape) {
        for (long d : shape) {
            if (d <= 0) {
                throw new ConversionException("input '" + name + "' has dynamic shape " + Arrays.toString(shape)
                        + ": give the shape it was converted at with inputshape=[...]");
            }
        }
        return shape;
    }

    private static long[] toLong(int[] dims) {
        return Arrays.stream(dims).asLongStream().toArray();
    }

    /**
     * The ncnn blob shape of an input: a batch of 1 is dropped; a larger batch is kept as ncnn's
     * outermost axis, as the converter does for models that mix across it (it refuses the rest).
     * A tensor that is only a batch axis becomes one value.
     */
    private static int[] ncnnInputShape(long[] shape) {
        if (shape.length <= 1) {
            return new int[]{1};
        }
        int from = shape[0] == 1 ? 1 : 0;
        return Arrays.stream(shape, from, shape.length).mapToInt(Math::toIntExact).toArray();
    }

    private static Npy readInput(String name, Path file, long[] shape, OnnxJavaType type) {
        Npy npy;
        try {
            npy = Npy.read(file);
        } catch (IOException e) {
            throw new ConversionException("--input " + name + "=" + file + ": " + e.getMessage(), e);
        }
        Npy.DType want = npyType(name, type);
        if (npy.dtype() != want) {
            throw new ConversionException("--input " + name + "=" + file + ": dtype " + npy.dtype().descr
                    + " but the model's input '" + name + "' is " + want.descr);
        }
        if (!Arrays.equals(npy.shape(), shape)) {
            throw new ConversionException("--input " + name + "=" + file + ": shape " + Arrays.toString(npy.shape())
                    + " but the model's input '" + name + "' is converted at " + Arrays.toString(shape));
        }
        return npy;
    }

    private static Npy randomInput(String name, long[] shape, OnnxJavaType type, Random random) {
        if (npyType(name, type) != Npy.DType.FLOAT32) {
            throw new ConversionException("input '" + name + "' is int64: give its values with --input " + name
                    + "=file.npy");
        }
        float[] data = new float[Math.toIntExact(Arrays.stream(shape).reduce(1, (a, b) -> a * b))];
        for (int k = 0; k < data.length; k++) {
            data[k] = (float) random.nextGaussian();
        }
        return Npy.ofFloat32(shape, data);
    }

    private static Npy.DType npyType(String name, OnnxJavaType type) {
        return switch (type) {
            case FLOAT -> Npy.DType.FLOAT32;
            case INT64 -> Npy.DType.INT64;
            default -> throw new ConversionException("input '" + name + "' has element type " + type
                    + "; compare feeds float32 and int64 inputs only");
        };
    }

    /** ncnn output blob → ONNX output name, from the manifest or else by position. */
    private static Map<String, String> outputBlobs(Manifest manifest, List<String> ncnnOutputs, OrtSession session) {
        if (manifest != null) {
            return manifest.outputs();
        }
        List<String> onnx = new ArrayList<>(session.getOutputNames());
        if (onnx.size() != ncnnOutputs.size()) {
            throw new ConversionException("the ncnn model has " + ncnnOutputs.size() + " outputs, the ONNX model "
                    + onnx.size() + ", and there is no weight manifest (.bin.json) to pair them");
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        for (int i = 0; i < onnx.size(); i++) {
            pairs.put(ncnnOutputs.get(i), onnx.get(i));
        }
        return pairs;
    }

    private static Metrics measure(String blob, Mat actual, String tensor, OrtSession.Result ref) throws OrtException {
        float[] expected = values(tensor, ref);
        if (actual == null) {
            throw new ConversionException("ncnn model has no blob '" + blob + "' for ONNX output '" + tensor + "'");
        }
        if (actual.total() != expected.length) {
            throw new ConversionException("output '" + tensor + "': ncnn blob '" + blob + "' has shape "
                    + actual.shapeString() + " (" + actual.total() + " values) but onnxruntime gives "
                    + expected.length + " values");
        }
        return Metrics.of(actual.data(), expected);
    }

    private static float[] values(String tensor, OrtSession.Result ref) throws OrtException {
        OnnxValue v = ref.get(tensor).orElseThrow(() ->
                new ConversionException("onnxruntime did not return tensor '" + tensor + "'"));
        if (!(v instanceof OnnxTensor t)) {
            throw new ConversionException("ONNX value '" + tensor + "' is not a tensor");
        }
        OnnxJavaType type = t.getInfo().type;
        if (type == OnnxJavaType.FLOAT) {
            FloatBuffer fb = t.getFloatBuffer();
            float[] f = new float[fb.remaining()];
            fb.get(f);
            return f;
        }
        if (type == OnnxJavaType.INT64) {
            LongBuffer lb = t.getLongBuffer();
            float[] f = new float[lb.remaining()];
            for (int i = 0; i < f.length; i++) {
                f[i] = lb.get(i);
            }
            return f;
        }
        throw new ConversionException("ONNX tensor '" + tensor + "' has element type " + type
                + "; compare reads float32 and int64 tensors only");
    }

    /**
     * The first layer whose top is below the cosine threshold. Its source node is the one the
     * manifest records for a layer with weights (a fused Conv+Relu names the Conv), else the node
     * computing the compared tensor. Tensors ncnn holds in another size (none so far) are skipped.
     */
    private static String firstDivergingLayer(Path param, Map<String, Mat> got, Map<String, String> blobTensors,
            OrtSession.Result ref, Onnx.ModelProto proto, Manifest manifest, Options o) throws OrtException {
        Map<String, String> source = new HashMap<>();
        for (Onnx.NodeProto n : proto.getGraph().getNodeList()) {
            n.getOutputList().forEach(t -> source.put(t, "'" + n.getName() + "' (" + n.getOpType() + ")"));
        }
        Map<String, String> layerSource = new HashMap<>();
        manifest.layers().forEach(l -> layerSource.put(l.name(), "'" + l.source() + "'"));
        for (NcnnParamFile.LayerDecl d : NcnnParamFile.read(param, Layers::isKnown).layers()) {
            for (String top : d.tops()) {
                String tensor = blobTensors.get(top);
                Mat actual = got.get(top);
                if (tensor == null || actual == null || d.type().equals("Input")) {
                    continue;
                }
                float[] expected = values(tensor, ref);
                if (expected.length != actual.total()) {
                    continue;
                }
                Metrics m = Metrics.of(actual.data(), expected);
                if (!(m.cosine() >= o.minCosine())) {
                    return "layer '" + d.name() + "' (" + d.type() + ") from ONNX node "
                            + layerSource.getOrDefault(d.name(), source.get(tensor)) + ": blob '" + top
                            + "' vs tensor '" + tensor + "': " + m;
                }
            }
        }
        return null;
    }
}

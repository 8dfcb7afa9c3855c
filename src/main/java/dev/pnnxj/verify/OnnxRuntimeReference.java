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
import dev.pnnxj.frontend.onnx.proto.Onnx;
import dev.pnnxj.util.Npy;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An ONNX model run in onnxruntime (one thread) as the reference. Opened with extra tensor names,
 * it also returns those intermediate values, for blob-by-blob comparison.
 */
public final class OnnxRuntimeReference implements Reference {
    private final Path model;
    private final OrtEnvironment env;
    private final OrtSession.SessionOptions options;
    private final OrtSession session;
    private final List<Input> inputs = new ArrayList<>();
    private final List<String> outputs;

    private OnnxRuntimeReference(Path model, Onnx.ModelProto proto, Collection<String> extraOutputs) {
        this.model = model;
        env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
        options = new OrtSession.SessionOptions();
        OrtSession s = null;
        try {
            options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            options.setIntraOpNumThreads(1);
            s = proto == null ? env.createSession(model.toString(), options)
                    : env.createSession(withOutputs(proto, extraOutputs, model).toByteArray(), options);
            // fetched intermediate tensors are not outputs of the model
            outputs = proto == null ? List.copyOf(s.getOutputNames())
                    : proto.getGraph().getOutputList().stream().map(Onnx.ValueInfoProto::getName).toList();
            for (Map.Entry<String, NodeInfo> e : s.getInputInfo().entrySet()) {
                TensorInfo ti = (TensorInfo) e.getValue().getInfo();
                inputs.add(new Input(e.getKey(), ti.getShape(), npyType(e.getKey(), ti.type)));
            }
        } catch (OrtException e) {
            close(s);
            throw failure(e);
        } catch (RuntimeException e) {
            close(s);
            throw e;
        }
        session = s;
    }

    /** Opens {@code model} to run its graph outputs. */
    public static OnnxRuntimeReference open(Path model) {
        return new OnnxRuntimeReference(model, null, List.of());
    }

    /**
     * Opens {@code proto}, read from {@code model}, to return {@code extraOutputs} too. They are
     * added as graph outputs to the model's bytes, with any external data inlined (onnxruntime
     * resolves external files only for models loaded from a path).
     */
    public static OnnxRuntimeReference open(Path model, Onnx.ModelProto proto, Collection<String> extraOutputs) {
        return new OnnxRuntimeReference(model, proto, extraOutputs);
    }

    @Override
    public Optional<List<Input>> inputs() {
        return Optional.of(inputs);
    }

    @Override
    public List<String> outputs() {
        return outputs;
    }

    @Override
    public Map<String, Npy> run(List<Npy> values) {
        Map<String, OnnxTensor> feed = new LinkedHashMap<>();
        try {
            for (int i = 0; i < inputs.size(); i++) {
                Npy v = values.get(i);
                feed.put(inputs.get(i).name(), v.dtype() == Npy.DType.INT64
                        ? OnnxTensor.createTensor(env, LongBuffer.wrap(v.longs()), v.shape())
                        : OnnxTensor.createTensor(env, FloatBuffer.wrap(v.floats()), v.shape()));
            }
            try (OrtSession.Result r = session.run(feed)) {
                Map<String, Npy> out = new LinkedHashMap<>();
                for (Map.Entry<String, OnnxValue> e : r) {
                    out.put(e.getKey(), toNpy(e.getKey(), e.getValue()));
                }
                return out;
            }
        } catch (OrtException e) {
            throw failure(e);
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public String describe() {
        return "the ONNX model " + model;
    }

    @Override
    public void close() {
        close(session);
        options.close();
    }

    private static void close(OrtSession s) {
        if (s == null) {
            return;
        }
        try {
            s.close();
        } catch (OrtException e) {
            throw new ConversionException("onnxruntime cannot close its session: " + e.getMessage(), e);
        }
    }

    private ConversionException failure(OrtException e) {
        return new ConversionException("onnxruntime cannot run " + model + ": " + e.getMessage(), e);
    }

    private static Npy.DType npyType(String name, OnnxJavaType type) {
        return switch (type) {
            case FLOAT -> Npy.DType.FLOAT32;
            case INT64 -> Npy.DType.INT64;
            default -> throw new ConversionException("input '" + name + "' has element type " + type
                    + "; compare feeds float32 and int64 inputs only");
        };
    }

    private static Npy toNpy(String tensor, OnnxValue v) throws OrtException {
        if (!(v instanceof OnnxTensor t)) {
            throw new ConversionException("ONNX value '" + tensor + "' is not a tensor");
        }
        long[] shape = t.getInfo().getShape();
        OnnxJavaType type = t.getInfo().type;
        if (type == OnnxJavaType.FLOAT) {
            FloatBuffer fb = t.getFloatBuffer();
            float[] f = new float[fb.remaining()];
            fb.get(f);
            return Npy.ofFloat32(shape, f);
        }
        if (type == OnnxJavaType.INT64) {
            LongBuffer lb = t.getLongBuffer();
            float[] f = new float[lb.remaining()];
            for (int i = 0; i < f.length; i++) {
                f[i] = lb.get(i);
            }
            return Npy.ofFloat32(shape, f);
        }
        throw new ConversionException("ONNX tensor '" + tensor + "' has element type " + type
                + "; compare reads float32 and int64 tensors only");
    }

    private static Onnx.ModelProto withOutputs(Onnx.ModelProto proto, Collection<String> extra, Path model) {
        Onnx.ModelProto.Builder b = proto.toBuilder();
        Set<String> present = new HashSet<>();
        b.getGraph().getOutputList().forEach(v -> present.add(v.getName()));
        for (String t : extra) {
            if (present.add(t)) {
                b.getGraphBuilder().addOutput(Onnx.ValueInfoProto.newBuilder().setName(t));
            }
        }
        inlineExternalData(b.getGraphBuilder(), model.toAbsolutePath().normalize().getParent());
        return b.build();
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
}

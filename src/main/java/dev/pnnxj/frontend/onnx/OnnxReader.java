package dev.pnnxj.frontend.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.UnsafeByteOperations;
import dev.pnnxj.ConversionException;
import dev.pnnxj.frontend.onnx.proto.Onnx.ModelProto;
import dev.pnnxj.io.IoMessages;
import dev.pnnxj.ir.Graph;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Reads an ONNX model file into an IR {@link Graph}.
 *
 * <p>The file is memory-mapped and parsed in place: {@code raw_data} weights stay views of the
 * mapping and external-data weights are mapped from their own files, both only when first used,
 * so a model far larger than the heap converts. Problems with the file are reported as
 * {@link ConversionException}s that name the file or tensor and say what to do.
 */
public final class OnnxReader {
    private OnnxReader() {
    }

    /**
     * The model's graph: inputs (initializers excluded), outputs, constants from initializers and
     * {@code Constant} nodes, and the other nodes in the latest ONNX form (see {@link OpsetUpgrade}).
     *
     * @throws ConversionException when the file is missing, not ONNX, invalid, or its data unusable
     */
    public static Graph read(Path modelFile) {
        return OnnxGraphBuilder.build(parse(modelFile), modelFile);
    }

    /**
     * Op type → the opset below which the reader rewrites its older signature into the latest
     * (Integer.MAX_VALUE: in every opset, as Upsample becomes Resize).
     */
    public static Map<String, Integer> opsetUpgrades() {
        return OpsetUpgrade.bounds();
    }

    private static ModelProto parse(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConversionException("ONNX model " + file + (Files.exists(file) ? " is not a file" : " not found")
                    + ": check the path");
        }
        MappedByteBuffer mapped;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() > Integer.MAX_VALUE) {
                throw new ConversionException("ONNX model " + file + " is larger than 2 GiB, which a protobuf file"
                        + " cannot be: save the model with its weights as external data (save_as_external_data=True)");
            }
            mapped = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
        } catch (IOException e) {
            throw new ConversionException("cannot read ONNX model " + file + ": " + IoMessages.reason(e), e);
        }
        try {
            // CodedInputStream.newInstance(ByteBuffer) treats the buffer as mutable and copies every
            // bytes field; a buffer wrapped as immutable lets aliasing hand out views of the mapping
            CodedInputStream in = UnsafeByteOperations.unsafeWrap(mapped).newCodedInput();
            in.enableAliasing(true);
            in.setSizeLimit(Integer.MAX_VALUE);
            ModelProto model = ModelProto.parseFrom(in);
            if (!model.hasGraph()) {
                throw notOnnx(file, "it holds no graph");
            }
            return model;
        } catch (IOException e) {
            throw notOnnx(file, "protobuf parsing failed: " + e.getMessage());
        }
    }

    private static ConversionException notOnnx(Path file, String why) {
        return new ConversionException(file + " is not a readable ONNX model (" + why + "). The file may be"
                + " truncated or not an ONNX model at all: export or download it again");
    }
}

package dev.pnnxj.frontend.onnx;

import static dev.pnnxj.frontend.onnx.OnnxModels.bytesOf;
import static dev.pnnxj.frontend.onnx.OnnxModels.le;
import static dev.pnnxj.frontend.onnx.OnnxModels.leFloats;
import static dev.pnnxj.frontend.onnx.OnnxModels.model;
import static dev.pnnxj.frontend.onnx.OnnxModels.node;
import static dev.pnnxj.frontend.onnx.OnnxModels.valueInfo;
import static dev.pnnxj.frontend.onnx.OnnxModels.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pnnxj.ConversionException;
import dev.pnnxj.frontend.onnx.proto.Onnx.GraphProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.StringStringEntryProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.TensorProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.TensorProto.DataType;
import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExternalDataTest {
    @TempDir
    Path dir;

    private static final byte[] A = leFloats(1.5f, -2f, 3.25f, 0f);
    private static final byte[] B = le(8, -7, 1L << 40, 3);

    /** Tensor a (float32 [2,2]) and b (int64 [3]) stored at offsets 16 and 32 of one file, after 16 junk bytes. */
    private Path writeWeights(String name) throws IOException {
        byte[] file = new byte[16 + A.length + B.length];
        for (int i = 0; i < 16; i++) {
            file[i] = (byte) (0xa0 + i);
        }
        System.arraycopy(A, 0, file, 16, A.length);
        System.arraycopy(B, 0, file, 32, B.length);
        return Files.write(dir.resolve(name), file);
    }

    private static TensorProto external(String name, DataType type, List<Long> dims, String... keyValues) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type.getNumber())
                .addAllDims(dims).setDataLocation(TensorProto.DataLocation.EXTERNAL);
        for (int i = 0; i < keyValues.length; i += 2) {
            t.addExternalData(StringStringEntryProto.newBuilder().setKey(keyValues[i]).setValue(keyValues[i + 1]));
        }
        return t.build();
    }

    private Graph read(TensorProto... initializers) {
        GraphProto.Builder g = GraphProto.newBuilder();
        for (TensorProto t : initializers) {
            g.addInitializer(t);
        }
        g.addNode(node("Identity", List.of(initializers[0].getName()), List.of("y")))
                .addOutput(valueInfo("y", initializers[0].getDataType()));
        return OnnxReader.read(write(dir, model(17, g)));
    }

    private ConversionException refused(TensorProto t) {
        return assertThrows(ConversionException.class, () -> read(t));
    }

    @Test
    void twoTensorsInOneFileReadBackExactlyAsMappedViews() throws IOException {
        writeWeights("weights.bin");
        Graph g = read(
                external("a", DataType.FLOAT, List.of(2L, 2L), "location", "weights.bin", "offset", "16",
                        "length", "16"),
                external("b", DataType.INT64, List.of(3L), "location", "weights.bin", "offset", "32",
                        "length", "24"));
        Tensor a = g.value("a").constant();
        Tensor b = g.value("b").constant();
        assertEquals(DType.FLOAT32, a.dtype());
        assertEquals(Shape.of(2, 2), a.shape());
        assertArrayEquals(A, bytesOf(a.bytes()));
        assertArrayEquals(new long[] {-7, 1L << 40, 3}, b.toLongs());
        assertTrue(a.bytes().isDirect());
    }

    @Test
    void fileInASubfolderWithoutLengthReadsTheBytesTheShapeNeeds() throws IOException {
        Files.createDirectories(dir.resolve("data"));
        writeWeights("data/w.bin");
        Graph g = read(external("b", DataType.INT64, List.of(3L), "location", "data/./w.bin", "offset", "32"));
        assertArrayEquals(B, bytesOf(g.value("b").constant().bytes()));
    }

    @Test
    void pathLeavingTheModelFolderIsRefused() throws IOException {
        Path model = Files.createDirectories(dir.resolve("m"));
        Files.write(dir.resolve("x.bin"), new byte[16]);
        TensorProto t = external("w", DataType.FLOAT, List.of(4L), "location", "../x.bin");
        GraphProto.Builder g = GraphProto.newBuilder().addInitializer(t)
                .addNode(node("Identity", List.of("w"), List.of("y")))
                .addOutput(OnnxModels.valueInfo("y", DataType.FLOAT_VALUE));
        ConversionException e = assertThrows(ConversionException.class,
                () -> OnnxReader.read(write(model, model(17, g))));
        assertEquals("tensor 'w' keeps its data in '../x.bin', which is outside the model's folder " + model
                + ": move the file into that folder and store its location relative to the model", e.getMessage());
    }

    @Test
    void absolutePathIsRefused() throws IOException {
        Path abs = writeWeights("weights.bin").toAbsolutePath();
        ConversionException e = refused(external("w", DataType.FLOAT, List.of(4L), "location", abs.toString(),
                "offset", "16"));
        assertEquals("tensor 'w' keeps its data at the absolute path '" + abs + "'; pnnx-j only reads external"
                + " data inside the model's folder " + dir.toAbsolutePath()
                + ": move the file there and store its location relative to the model", e.getMessage());
    }

    @Test
    void symlinkPointingOutsideTheModelFolderIsRefused() throws IOException {
        Path model = Files.createDirectories(dir.resolve("m"));
        Path outside = writeWeights("secret.bin");
        Files.createSymbolicLink(model.resolve("link.bin"), outside);
        TensorProto t = external("w", DataType.FLOAT, List.of(4L), "location", "link.bin", "offset", "16");
        GraphProto.Builder g = GraphProto.newBuilder().addInitializer(t)
                .addNode(node("Identity", List.of("w"), List.of("y")))
                .addOutput(OnnxModels.valueInfo("y", DataType.FLOAT_VALUE));
        ConversionException e = assertThrows(ConversionException.class,
                () -> OnnxReader.read(write(model, model(17, g))));
        assertTrue(e.getMessage().startsWith("tensor 'w' keeps its data in 'link.bin', which is outside the model's"
                + " folder"), e.getMessage());
    }

    @Test
    void missingFileIsRefusedNamingTensorAndFile() {
        ConversionException e = refused(external("conv1.weight", DataType.FLOAT, List.of(4L), "location",
                "weights.bin"));
        assertEquals("tensor 'conv1.weight' keeps its data in " + dir.resolve("weights.bin")
                + ", which does not exist or is not a file: put the external data file saved with the model next"
                + " to the .onnx file", e.getMessage());
    }

    @Test
    void fileShorterThanTheTensorIsRefused() throws IOException {
        writeWeights("weights.bin"); // 56 bytes
        ConversionException e = refused(external("b", DataType.INT64, List.of(3L), "location", "weights.bin",
                "offset", "40", "length", "24"));
        assertEquals("tensor 'b' needs bytes 40..64 of " + dir.resolve("weights.bin") + ", but the file is only 56"
                + " bytes long: the external data file is truncated or belongs to another model; copy it again or"
                + " re-export the model", e.getMessage());
    }

    @Test
    void lengthThatDoesNotMatchTheShapeIsRefused() throws IOException {
        writeWeights("weights.bin");
        ConversionException e = refused(external("a", DataType.FLOAT, List.of(2L, 2L), "location", "weights.bin",
                "length", "12"));
        assertEquals("tensor 'a' in " + dir.resolve("weights.bin") + ": external data length is 12 bytes but its"
                + " shape and type need 16: the model or data file was edited or damaged; re-export the model",
                e.getMessage());
    }

    @Test
    void offsetThatIsNotANumberIsRefused() throws IOException {
        writeWeights("weights.bin");
        ConversionException e = refused(external("a", DataType.FLOAT, List.of(4L), "location", "weights.bin",
                "offset", "-3"));
        assertEquals("tensor 'a': external data 'offset' is '-3', not a byte count: the model file is damaged;"
                + " re-export it", e.getMessage());
    }

    @Test
    void missingLocationIsRefused() {
        ConversionException e = refused(external("a", DataType.FLOAT, List.of(4L), "offset", "0"));
        assertEquals("tensor 'a' is marked as external data but has no 'location' entry: the model file is"
                + " damaged; re-export it with its external data", e.getMessage());
    }

    @Test
    void tensorOverTwoGibIsRefused() throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("big.bin").toFile(), "rw")) {
            f.setLength(3L << 30); // sparse: takes no disk space
        }
        ConversionException e = refused(external("big", DataType.FLOAT, List.of(3L << 28), "location", "big.bin"));
        assertEquals("tensor 'big' in " + dir.resolve("big.bin") + " holds 3221225472 bytes; pnnx-j handles at most"
                + " 2 GiB per tensor: split the weight in the source model", e.getMessage());
    }
}

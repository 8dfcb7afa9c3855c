package dev.pnnxj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pnnxj.util.Npy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pnnx-j check} and {@code pnnx-j compare} on tiny_cnn converted with fp32 weights
 * (convolution_0, convolution_1 and innerproduct_0 hold weights; innerproduct_0's start at offset
 * 5576, the file is 15860 bytes), and on damaged copies of it: exit codes and exact messages.
 */
class VerifyCommandsTest {
    static final Path ONNX = Path.of("testdata/models/tiny_cnn.onnx");
    static final String SHAPE = "inputshape=[1,3,32,32]";

    @TempDir
    static Path dir;
    static Path param;
    static Path bin;

    @TempDir
    Path work;

    record Run(int code, String out, String err) {
    }

    @BeforeAll
    static void convert() {
        param = dir.resolve("t.ncnn.param");
        bin = dir.resolve("t.ncnn.bin");
        Run r = run(ONNX.toString(), SHAPE, "fp16=0", "ncnnparam=" + param, "ncnnbin=" + bin,
                "ncnnpy=" + dir.resolve("t_ncnn.py"));
        assertEquals(0, r.code, r.err);
    }

    @Test
    void checkRefusesAParamWhoseHeaderDisagreesWithItsBody() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(param));
        String[] counts = lines.get(1).split(" ");
        lines.set(1, (Integer.parseInt(counts[0]) + 1) + " " + counts[1]);
        Path p = Files.write(dir.resolve("header.param"), lines);
        Run r = run("check", p.toString(), bin.toString());
        assertEquals(1, r.code);
        assertTrue(r.err.startsWith("pnnx-j: " + p + ":2: header declares " + (Integer.parseInt(counts[0]) + 1)
                + " layers but the file has " + counts[0] + " layer lines"), r.err);
    }

    @Test
    void checkAcceptsTheConvertedModel() {
        Run r = run("check", param.toString(), bin.toString());
        assertEquals(new Run(0, "ok: " + bin + ": 3 weighted layers of 7, 6 weights, 15860 bytes as " + param
                + " loads them, matching the manifest\n", ""), r);
    }

    @Test
    void checkNamesTheLayerOfABinCutShortBy4Bytes() throws IOException {
        Path b = damaged("cut", Arrays.copyOf(binBytes(), 15856), true);
        assertEquals(new Run(1, "", "pnnx-j: " + b + ": layer 'innerproduct_0' (InnerProduct): bin ends early:"
                + " reading 10 fp32 values needs 40 bytes at offset 15820 but only 36 remain; the manifest records"
                + " weight 2 (fc.bias) at offset 15820 size 40\n"), run("check", param.toString(), b.toString()));
    }

    @Test
    void checkNamesTheLayerBeforeWhoseWeights4BytesWereInserted() throws IOException {
        Path b = damaged("shift", inserted(5576, 0xde, 0xad, 0xbe, 0xef), true);
        assertEquals(new Run(1, "", "pnnx-j: " + b + ": layer 'innerproduct_0' (InnerProduct) weight 1 of 2"
                + " (fc.weight): expected offset 5576 size 10244 (2560 fp32) crc32 61e30dd0, found offset 5576 size"
                + " 3588 (2560 uint8-table) crc32 02779cde; the recorded bytes are at offset 5580 (4 bytes inserted"
                + " before them)\n"), run("check", param.toString(), b.toString()));
    }

    @Test
    void checkWithoutManifestSaysWhereReadingWentWrong() throws IOException {
        Path b = damaged("shift", inserted(5576, 0xde, 0xad, 0xbe, 0xef), false);
        assertEquals(new Run(1, "", "pnnx-j: " + b + ": 6660 bytes follow the last weight, which ends at offset"
                + " 9204 of 15864; reading went wrong at layer 'innerproduct_0' (InnerProduct) weight 1: storage tag"
                + " 0xefbeadde at offset 5576 is neither fp32 (0) nor fp16 (0x01306b47)\n"),
                run("check", param.toString(), b.toString()));
    }

    @Test
    void checkRefusesAMissingManifest() {
        assertEquals(new Run(1, "", "pnnx-j: --manifest nowhere.json: no such file\n"),
                run("check", param.toString(), bin.toString(), "--manifest", "nowhere.json"));
    }

    @Test
    void compareMatchesOnnxruntime() {
        Run r = run("compare", ONNX.toString(), SHAPE, "fp16=0", "--seed", "3");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.startsWith("ok   out0 max_abs="), r.out);
        assertTrue(r.out.endsWith("\nmatch (cosine >= 0.9999, max_rel <= 0.001: fp32 defaults, converted with fp16=0)\n"), r.out);
    }

    @Test
    void compareWithFp16WeightsDefaultsToLooserTolerances() {
        Run r = run("compare", ONNX.toString(), SHAPE, "fp16=1");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.endsWith("\nmatch (cosine >= 0.999, max_rel <= 0.01: fp16 defaults, converted with fp16=1)\n"), r.out);
    }

    @Test
    void compareTakesGivenInputsAndAnAbsoluteTolerance() {
        Run r = compareGiven("--input", "in0=testdata/models/tiny_cnn.input.npy", "--atol", "1e-12");
        assertEquals(1, r.code, r.err);
        assertTrue(r.out.startsWith("FAIL out0 max_abs="), r.out);
        assertTrue(r.out.endsWith("\nMISMATCH (cosine >= 0.9999, max_rel <= 0.001: fp32 defaults, the weight manifest says fp32;"
                + " max_abs <= 1.0E-12 given)\n"), r.out);
        assertEquals(0, compareGiven("--input", "in0=testdata/models/tiny_cnn.input.npy", "--atol", "1e-3").code);
    }

    @Test
    void compareFailsOnAnAlteredConvWeightAndBlobsNameTheLayer() throws IOException {
        byte[] data = binBytes();
        // convolution_1's weight starts at 900: tag, then fp32 values
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).putFloat(900 + 4 + 4 * 5, 1000f);
        Path b = damaged("conv", data, true);
        Path p = work.resolve("conv.ncnn.param");
        Files.copy(param, p);

        Run plain = run("compare", ONNX.toString(), SHAPE, "--param", p.toString(), "--bin", b.toString());
        assertEquals(1, plain.code, plain.err);
        assertTrue(plain.out.startsWith("FAIL out0 "), plain.out);
        assertTrue(plain.out.endsWith("\nMISMATCH (cosine >= 0.9999, max_rel <= 0.001: fp32 defaults, the weight manifest says fp32)\n"), plain.out);

        Run blobs = run("compare", ONNX.toString(), SHAPE, "--param", p.toString(), "--bin", b.toString(), "--blobs");
        assertEquals(1, blobs.code, blobs.err);
        // the Relu after /conv2/Conv is fused into convolution_1, whose top stands for the Relu's output
        assertTrue(blobs.out.contains("\nfirst diverging layer 'convolution_1' (Convolution) from ONNX node"
                + " '/conv2/Conv': blob '4' vs tensor '/Relu_1_output_0': max_abs="), blobs.out);

        Run check = run("check", p.toString(), b.toString());
        assertEquals(1, check.code);
        assertTrue(check.err.startsWith("pnnx-j: " + b + ": layer 'convolution_1' (Convolution) weight 1 of 2"
                + " (conv2.weight): expected offset 900 size 4612 (1152 fp32) crc32 5ccdd937, found offset 900 size"
                + " 4612 (1152 fp32) crc32 "), check.err);
    }

    @Test
    void blobsNameTheFirstLayerPastAnAbsoluteToleranceToo() {
        Run r = compareGiven("--input", "in0=testdata/models/tiny_cnn.input.npy", "--atol", "1e-12", "--blobs");
        assertEquals(1, r.code, r.err);
        // every cosine is 1.0: only the absolute tolerance fails, and the layer is still named
        assertTrue(r.out.contains("\nfirst diverging layer '"), r.out);
    }

    @Test
    void aBinWithoutItsManifestSaysFp32DefaultsAreAssumed() throws IOException {
        Path b = damaged("bare", binBytes(), false);
        Run r = run("compare", ONNX.toString(), SHAPE, "--param", param.toString(), "--bin", b.toString());
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.endsWith("(cosine >= 0.9999, max_rel <= 0.001: fp32 defaults, no weight manifest"
                + " bare.ncnn.bin.json beside the .bin, so fp32 weights are assumed)\n"), r.out);
    }

    @Test
    void compareRefusesAnInputOfTheWrongShape() throws IOException {
        Path npy = work.resolve("x.npy");
        Npy.ofFloat32(new long[]{1, 3, 16, 16}, new float[768]).write(npy);
        assertEquals(new Run(1, "", "pnnx-j: --input in0=" + npy + ": shape [1, 3, 16, 16] but the model's input"
                + " 'in0' is converted at [1, 3, 32, 32]\n"), compareGiven("--input", "in0=" + npy));
    }

    @Test
    void compareRefusesAnInputOfTheWrongDtype() throws IOException {
        Path npy = work.resolve("x.npy");
        Npy.ofInt64(new long[]{1, 3, 32, 32}, new long[3072]).write(npy);
        assertEquals(new Run(1, "", "pnnx-j: --input in0=" + npy + ": dtype <i8 but the model's input 'in0' is"
                + " <f4\n"), compareGiven("--input", "in0=" + npy));
    }

    @Test
    void compareRefusesAnUnknownInputName() {
        assertEquals(new Run(1, "", "pnnx-j: --input x: the model has no input of that name (inputs: in0)\n"),
                compareGiven("--input", "x=x.npy"));
    }

    @Test
    void compareReportsATruncatedBin() throws IOException {
        Path b = damaged("cut", Arrays.copyOf(binBytes(), 15856), true);
        assertEquals(new Run(1, "", "pnnx-j: " + b + ": layer 'innerproduct_0' (InnerProduct): bin ends early:"
                + " reading 10 fp32 values needs 40 bytes at offset 15820 but only 36 remain\n"),
                run("compare", ONNX.toString(), SHAPE, "--param", param.toString(), "--bin", b.toString()));
    }

    @Test
    void compareReportsAShiftedBin() throws IOException {
        Path b = damaged("shift", inserted(5576, 0, 0, 0, 0), true);
        assertEquals(new Run(1, "", "pnnx-j: " + b + ": bin is longer than the layers read: 4 extra bytes\n"),
                run("compare", ONNX.toString(), SHAPE, "--param", param.toString(), "--bin", b.toString()));
    }

    @Test
    void compareReportsAParamWithAMissingBlob() throws IOException {
        Path p = work.resolve("missing.param");
        Files.writeString(p, Files.readString(param).replace("1 1 2 4 0=16", "1 1 9 4 0=16"));
        assertEquals(new Run(1, "", "pnnx-j: " + p + ":6: layer 'convolution_1' (Convolution): missing blob '9': no"
                + " earlier layer produces it\n"),
                run("compare", ONNX.toString(), SHAPE, "--param", p.toString(), "--bin", bin.toString()));
    }

    @Test
    void verbosePrintsTheStackTrace() throws IOException {
        Path p = work.resolve("missing.param");
        Files.writeString(p, Files.readString(param).replace("1 1 2 4 0=16", "1 1 9 4 0=16"));
        Run r = run("compare", ONNX.toString(), SHAPE, "--param", p.toString(), "--bin", bin.toString(), "--verbose");
        assertEquals(1, r.code);
        assertTrue(r.err.contains("\n\tat dev.pnnxj.verify.NcnnParamFile"), r.err);
    }

    @Test
    void compareAndCheckReportAnUnknownLayerType() throws IOException {
        Path p = work.resolve("unknown.param");
        Files.writeString(p, Files.readString(param).replace("Pooling                  pooling_0",
                "Foo                      pooling_0"));
        assertEquals(new Run(1, "", "pnnx-j: " + p + ":5: layer 'pooling_0' (Foo): unknown layer type 'Foo' (no"
                + " implementation in the reference executor)\n"),
                run("compare", ONNX.toString(), SHAPE, "--param", p.toString(), "--bin", bin.toString()));
        assertEquals(new Run(1, "", "pnnx-j: layer 'pooling_0' (Foo) at " + p + ":5: layer type Foo cannot be"
                + " checked: pnnx-j does not know how it stores weights\n"), run("check", p.toString(), bin.toString()));
    }

    @Test
    void theModelIsStillRequiredForConverting() {
        assertEquals(new Run(1, "", "pnnx-j: give the model to convert, or a command (convert, check, compare, batch, help);"
                + " see pnnx-j --help\n"), run());
    }

    private Run compareGiven(String... extra) {
        String[] args = {"compare", ONNX.toString(), SHAPE, "--param", param.toString(), "--bin", bin.toString()};
        String[] all = Arrays.copyOf(args, args.length + extra.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        return run(all);
    }

    private static byte[] binBytes() throws IOException {
        return Files.readAllBytes(bin);
    }

    private static byte[] inserted(int at, int... bytes) throws IOException {
        byte[] d = binBytes();
        byte[] out = new byte[d.length + bytes.length];
        System.arraycopy(d, 0, out, 0, at);
        for (int i = 0; i < bytes.length; i++) {
            out[at + i] = (byte) bytes[i];
        }
        System.arraycopy(d, at, out, at + bytes.length, d.length - at);
        return out;
    }

    /** Writes a damaged copy of the .bin, with the original manifest beside it when asked. */
    private Path damaged(String name, byte[] data, boolean withManifest) throws IOException {
        Path b = work.resolve(name + ".ncnn.bin");
        Files.write(b, data);
        if (withManifest) {
            Files.copy(dir.resolve("t.ncnn.bin.json"), work.resolve(name + ".ncnn.bin.json"));
        }
        return b;
    }

    static Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args);
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}

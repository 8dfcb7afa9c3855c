package dev.pnnxj.cli;

import static dev.pnnxj.cli.VerifyCommandsTest.run;
import static dev.pnnxj.frontend.onnx.OnnxModels.model;
import static dev.pnnxj.frontend.onnx.OnnxModels.node;
import static dev.pnnxj.frontend.onnx.OnnxModels.valueInfo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.pnnxj.cli.VerifyCommandsTest.Run;
import dev.pnnxj.frontend.onnx.OnnxModels;
import dev.pnnxj.frontend.onnx.proto.Onnx.GraphProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.TensorProto;
import dev.pnnxj.util.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pnnx-j compare} with a TorchScript model, judged against saved outputs ({@code --expect})
 * or an ONNX export of the same network ({@code --reference}), and the refusals around them.
 * views.pt computes {@code x * [4, 5, 6, 7]} for x of shape [1, 4]; the ONNX references here are
 * built through the protobuf API to compute the same (or, to fail, nearly the same).
 */
class CompareReferenceTest {
    static final String TS = "testdata/torchscript/";
    static final String TINY_PT = TS + "tiny_cnn.pt";
    static final String TINY_SHAPE = "inputshape=[1,3,32,32]";
    static final String TINY_INPUT = "in0=" + TS + "tiny_cnn.input.npy";
    static final String TINY_EXPECTED = TS + "tiny_cnn.expected.npy";
    static final String VIEWS_PT = TS + "views.pt";

    @TempDir
    Path work;

    @Test
    void aTorchScriptModelMatchesItsSavedOutput() {
        Run r = run("compare", TINY_PT, TINY_SHAPE, "fp16=0", "--input", TINY_INPUT, "--expect", TINY_EXPECTED);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("ok   out0 vs " + TINY_EXPECTED + " max_abs="), r.out());
        assertTrue(r.out().endsWith(" 10 values)\nmatch (cosine >= 0.9999, max_rel <= 0.001: fp32 defaults, converted with fp16=0)\n"), r.out());

        // the input may also be named as in the TorchScript code (forward's x), per the manifest
        Run byName = run("compare", TINY_PT, TINY_SHAPE, "--input", "x=" + TS + "tiny_cnn.input.npy",
                "--expect", TINY_EXPECTED);
        assertEquals(0, byName.code(), byName.err());
    }

    @Test
    void aWrongSavedOutputFailsAndIsNamed() throws IOException {
        Npy good = Npy.read(Path.of(TINY_EXPECTED));
        float[] bad = good.floats().clone();
        bad[3] += 1;
        Path wrong = work.resolve("wrong.npy");
        Npy.ofFloat32(good.shape(), bad).write(wrong);
        Run r = run("compare", TINY_PT, TINY_SHAPE, "fp16=0", "--input", TINY_INPUT, "--expect", wrong.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().startsWith("FAIL out0 vs " + wrong + " max_abs=1.00 "), r.out());
        assertTrue(r.out().endsWith("\nMISMATCH (cosine >= 0.9999, max_rel <= 0.001: fp32 defaults, converted with fp16=0)\n"), r.out());
    }

    @Test
    void savedOutputsAlsoServeAnOnnxModel() {
        Run r = run("compare", "testdata/models/tiny_cnn.onnx", TINY_SHAPE, "fp16=0",
                "--input", "in0=testdata/models/tiny_cnn.input.npy", "--expect", "testdata/models/tiny_cnn.expected.npy");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("ok   out0 vs testdata/models/tiny_cnn.expected.npy max_abs="), r.out());
    }

    @Test
    void aTorchScriptModelWithoutAReferenceIsRefused() {
        assertEquals(new Run(2, "", "pnnx-j: " + TINY_PT + " is not an ONNX model, so onnxruntime cannot run it as"
                + " the reference: give the same network exported to ONNX with --reference REF.onnx, or its saved"
                + " outputs with --expect out0.npy (and its inputs with --input)\n"),
                run("compare", TINY_PT, TINY_SHAPE));
    }

    @Test
    void savedOutputsNeedTheInputsGiven() {
        assertEquals(new Run(1, "", "pnnx-j: saved outputs (--expect) hold for the inputs they were computed from"
                + " only: give input 'in0' with --input in0=FILE.npy\n"),
                run("compare", TINY_PT, TINY_SHAPE, "--expect", TINY_EXPECTED));
    }

    @Test
    void tooManySavedOutputsAreCounted() {
        assertEquals(new Run(1, "", "pnnx-j: --expect has 2 output(s) (" + TINY_EXPECTED + ", " + TINY_EXPECTED
                + " #2) but the ncnn model has 1 (out0)\n"),
                run("compare", TINY_PT, TINY_SHAPE, "--input", TINY_INPUT, "--expect", TINY_EXPECTED,
                        "--expect", TINY_EXPECTED));
    }

    @Test
    void aSavedOutputOfAnotherSizeIsNamed() throws IOException {
        Path small = work.resolve("small.npy");
        Npy.ofFloat32(new long[]{1, 5}, new float[5]).write(small);
        assertEquals(new Run(1, "", "pnnx-j: output '" + small + "': ncnn blob 'out0' has shape [w=10] (10 values)"
                + " but --expect gives [1, 5] (5 values)\n"),
                run("compare", TINY_PT, TINY_SHAPE, "--input", TINY_INPUT, "--expect", small.toString()));
    }

    @Test
    void blobsAreRefusedWithSavedOutputs() {
        assertEquals(new Run(1, "", "pnnx-j: blob-by-blob comparison pairs ncnn blobs with the ONNX model's own"
                + " tensors, so it needs the converted .onnx model as the reference, not --expect\n"),
                run("compare", TINY_PT, TINY_SHAPE, "--input", TINY_INPUT, "--expect", TINY_EXPECTED, "--blobs"));
    }

    @Test
    void blobsAreRefusedBeforeAnythingIsConverted() {
        // the model does not even exist: the option conflict is reported first
        assertEquals(new Run(1, "", "pnnx-j: blob-by-blob comparison pairs ncnn blobs with the ONNX model's own"
                + " tensors, so it needs the converted .onnx model as the reference, not --expect\n"),
                run("compare", "missing.pt", TINY_SHAPE, "--input", TINY_INPUT, "--expect", TINY_EXPECTED, "--blobs"));
    }

    @Test
    void referenceAndExpectExcludeEachOther() {
        assertEquals(new Run(1, "", "pnnx-j: give --reference or --expect, not both\n"),
                run("compare", TINY_PT, "--reference", "r.onnx", "--expect", TINY_EXPECTED));
    }

    @Test
    void anOnnxExportOfTheSameNetworkIsTheReference() throws IOException {
        Path ref = reference(List.of(4f, 5f, 6f, 7f), 4);
        Run r = run("compare", VIEWS_PT, "inputshape=[1,4]", "fp16=0", "--reference", ref.toString(), "--seed", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("ok   out0 vs y max_abs=0.00 max_rel=0.00 cosine=1.0000000 "), r.out());

        Run given = run("compare", VIEWS_PT, "inputshape=[1,4]", "--reference", ref.toString(),
                "--input", "x=" + TS + "views.input.npy");
        assertEquals(0, given.code(), given.err());
    }

    @Test
    void anOnnxReferenceThatComputesOtherValuesFails() throws IOException {
        Path ref = reference(List.of(4f, 5f, 6f, 8f), 4);
        Run r = run("compare", VIEWS_PT, "inputshape=[1,4]", "--reference", ref.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().startsWith("FAIL out0 vs y max_abs="), r.out());
        assertTrue(r.out().endsWith("\nMISMATCH (cosine >= 0.999, max_rel <= 0.01: fp16 defaults, converted with fp16=1)\n"), r.out());
    }

    @Test
    void anOnnxReferenceWithAnotherInputShapeIsNamed() throws IOException {
        Path ref = reference(List.of(4f, 5f, 6f, 7f, 8f), 5);
        assertEquals(new Run(1, "", "pnnx-j: input 0: the model is converted at [1, 4] (inputshape=) but the ONNX"
                + " model " + ref + " takes 'x' as [1, 5]\n"),
                run("compare", VIEWS_PT, "inputshape=[1,4]", "--reference", ref.toString()));
    }

    @Test
    void anOnnxReferenceWithAnotherInputCountIsNamed() throws IOException {
        GraphProto.Builder g = graph(List.of(4f, 5f, 6f, 7f), 4)
                .addInput(valueInfo("z", TensorProto.DataType.FLOAT_VALUE, 1L, 4L));
        Path ref = OnnxModels.write(work, model(13, g));
        assertEquals(new Run(1, "", "pnnx-j: the ONNX model " + ref + " has 2 input(s) (x, z) but the ncnn model"
                + " has 1 (in0)\n"), run("compare", VIEWS_PT, "inputshape=[1,4]", "--reference", ref.toString()));
    }

    @Test
    void anOnnxReferenceWithAnotherOutputCountIsNamed() throws IOException {
        GraphProto.Builder g = graph(List.of(4f, 5f, 6f, 7f), 4)
                .addNode(node("Neg", List.of("y"), List.of("n")))
                .addOutput(valueInfo("n", TensorProto.DataType.FLOAT_VALUE));
        Path ref = OnnxModels.write(work, model(13, g));
        assertEquals(new Run(1, "", "pnnx-j: the ONNX model " + ref + " has 2 output(s) (y, n) but the ncnn model"
                + " has 1 (out0)\n"), run("compare", VIEWS_PT, "inputshape=[1,4]", "--reference", ref.toString()));
    }

    @Test
    void aMissingReferenceFileIsNamed() {
        assertEquals(new Run(1, "", "pnnx-j: --reference nowhere.onnx: no such file\n"),
                run("compare", VIEWS_PT, "inputshape=[1,4]", "--reference", "nowhere.onnx"));
    }

    /** Writes {@code y = x * w} for x of shape [1, n]. */
    private Path reference(List<Float> w, int n) {
        return OnnxModels.write(work, model(13, graph(w, n)));
    }

    private static GraphProto.Builder graph(List<Float> w, int n) {
        float[] values = new float[w.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = w.get(i);
        }
        TensorProto weight = TensorProto.newBuilder().setName("w").setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(values.length).setRawData(ByteString.copyFrom(OnnxModels.leFloats(values))).build();
        return GraphProto.newBuilder()
                .addInitializer(weight)
                .addNode(node("Mul", List.of("x", "w"), List.of("y")))
                .addInput(valueInfo("x", TensorProto.DataType.FLOAT_VALUE, 1L, (long) n))
                .addOutput(valueInfo("y", TensorProto.DataType.FLOAT_VALUE));
    }
}

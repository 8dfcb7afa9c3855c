package dev.pnnxj.verify;

import dev.pnnxj.ConversionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.pnnxj.verify.Models.shape;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NcnnExecutorTest {
    /** Two branches from one input; the Pooling branch fails on a 1-D input. */
    private static final String[] TWO_BRANCHES = {
        "Input in0 0 1 in0",
        "Split sp 1 2 in0 a b",
        "ReLU relu 1 1 a out0",
        "Pooling pool 1 1 b out1 0=0 1=2",
    };

    @Test
    void runComputesOnlyWhatTheOutputsNeed() {
        NcnnExecutor ex = Models.load(new Bin(), TWO_BRANCHES);
        Map<String, Mat> out = ex.run(Map.of("in0", Mat.vector(-1, 2)), List.of("out0"));
        assertEquals(List.of("out0"), List.copyOf(out.keySet()));
        Expect.exact(out.get("out0"), shape(2), 0, 2);
        // the pooling branch cannot take a 1-D blob, so running everything fails at its line
        ConversionException e = assertThrows(ConversionException.class,
                () -> ex.runAll(Map.of("in0", Mat.vector(-1, 2))));
        assertEquals("test.param:6: layer 'pool' (Pooling): expects a 3-D input, got [w=2]", e.getMessage());
    }

    @Test
    void runAllReturnsEveryBlobInProductionOrder() {
        NcnnExecutor ex = Models.load(new Bin(), TWO_BRANCHES);
        Map<String, Mat> all = ex.runAll(Map.of("in0", Mat.of(shape(1, 2, 2), new float[]{-1, 2, 3, -4})));
        assertEquals(List.of("in0", "a", "b", "out0", "out1"), List.copyOf(all.keySet()));
        Expect.exact(all.get("out1"), shape(1, 1, 1), 3);
    }

    @Test
    void namesInputsAndOutputs() {
        NcnnExecutor ex = Models.load(new Bin(), TWO_BRANCHES);
        assertEquals(List.of("in0"), ex.inputNames());
        assertEquals(List.of("out0", "out1"), ex.outputNames());
    }

    @Test
    void inputErrors() {
        NcnnExecutor ex = Models.load(new Bin(), TWO_BRANCHES);
        assertEquals("test.param:3: input blob 'in0' was not given",
                assertThrows(ConversionException.class, () -> ex.run(Map.of(), List.of("out0"))).getMessage());
        assertEquals("test.param: 'a' is not the top of an Input layer", assertThrows(ConversionException.class,
                () -> ex.run(Map.of("a", Mat.vector(1)), List.of("out0"))).getMessage());
        assertEquals("test.param: no layer produces blob 'nope'", assertThrows(ConversionException.class,
                () -> ex.run(Map.of("in0", Mat.vector(1)), List.of("nope"))).getMessage());
    }

    @Test
    void paramErrorsAtLoadNameTheLine() {
        ConversionException e = assertThrows(ConversionException.class,
                () -> Models.load(new Bin(), "Input in0 0 1 in0", "Softmax sm 1 1 in0 out0 0=1"));
        assertEquals("test.param:4: layer 'sm' (Softmax): axis=1 without 1=1 (fixbug0): ncnn rejects this param as"
                + " too old", e.getMessage());
    }

    @Test
    void loadsFromFiles(@TempDir Path dir) throws Exception {
        Path param = dir.resolve("m.param");
        Path bin = dir.resolve("m.bin");
        Files.writeString(param, Models.param("Input in0 0 1 in0", "PReLU p 1 1 in0 out0 0=1"));
        Files.write(bin, new Bin().raw(0.5f).buffer().array());
        NcnnExecutor ex = NcnnExecutor.load(param, bin);
        Expect.exact(ex.run(Map.of("in0", Mat.vector(-2, 2)), List.of("out0")).get("out0"), shape(2), -1, 2);
        ConversionException missing = assertThrows(ConversionException.class,
                () -> NcnnExecutor.load(param, dir.resolve("absent.bin")));
        assertFalse(missing.getMessage().isEmpty());
    }
}

package dev.pnnxj.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pnnxj.ConversionException;
import dev.pnnxj.ncnn.MemoryEstimateTest;
import dev.pnnxj.ncnn.NcnnModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentCheckTest {
    @TempDir
    Path dir;

    private static final NcnnModel NET = MemoryEstimateTest.residualNet();

    private ConvertOptions options(String... kv) {
        return ConvertOptions.parse(dir.resolve("m.onnx"), List.of(kv));
    }

    @Test
    void memlimitTakesSuffixes() {
        assertEquals(2432, options("memlimit=2432").memLimit());
        assertEquals(64L << 10, options("memlimit=64K").memLimit());
        assertEquals(3L << 20, options("memlimit=3m").memLimit());
        assertEquals(2L << 30, options("memlimit=2G").memLimit());
        assertEquals(0, options().memLimit());
        assertThrows(ConversionException.class, () -> options("memlimit=12X"));
        assertThrows(ConversionException.class, () -> options("memlimit=0"));
        assertThrows(ConversionException.class, () -> options("memlimit=M"));
    }

    @Test
    void peakAboveMemlimitFailsWithTheNumbers() {
        assertEquals(2432, DeploymentCheck.check(NET, options("memlimit=2432"), List.of()).peakBytes());
        ConversionException e = assertThrows(ConversionException.class,
                () -> DeploymentCheck.check(NET, options("memlimit=2431"), List.of()));
        assertEquals(1, e.exitCode());
        assertEquals("estimated peak memory 2432 bytes (blobs 1536 + fp32 weights 896) at input shape [] "
                + "exceeds memlimit=2431 bytes. Nothing was written.", e.getMessage());
    }

    @Test
    void layerListNamesEveryMissingType() throws IOException {
        Path list = dir.resolve("ncnn-layers.txt");
        Files.writeString(list, "# my ncnn build\nInput\nConvolution  # conv\n\nBinaryOp\n");
        assertEquals(Set.of("Input", "Convolution", "BinaryOp"), options("layers=" + list).ncnnLayers());
        ConversionException e = assertThrows(ConversionException.class,
                () -> DeploymentCheck.check(NET, options("layers=" + list), List.of()));
        assertEquals(1, e.exitCode());
        assertEquals("the ncnn build listed in layers= lacks layer type(s) ReLU, Split that this model needs; "
                + "build ncnn with them (WITH_LAYER_<name>=ON) or list them if they are there. Nothing was written.",
                e.getMessage());
        Files.writeString(list, "Input\nConvolution\nBinaryOp\nReLU\nSplit\n");
        DeploymentCheck.check(NET, options("layers=" + list), List.of());
    }

    @Test
    void failedCheckWritesNoFiles() throws IOException {
        Path out = dir.resolve("out");
        ConvertOptions o = ConvertOptions.parse(Path.of("testdata/models/tiny_cnn.onnx"), List.of("memlimit=1K"))
                .withOutputDir(out);
        ConversionException e = assertThrows(ConversionException.class, () -> Converter.convert(o));
        assertEquals(1, e.exitCode());
        assertEquals(false, Files.exists(out), e.getMessage());
        Converter.Result r = Converter.convert(ConvertOptions.parse(o.model(), List.of("memlimit=1G")).withOutputDir(out));
        assertEquals(true, Files.isRegularFile(r.options().ncnnParam()));
    }

    @Test
    void unreadableOrEmptyLayerListIsABadOption() throws IOException {
        assertThrows(ConversionException.class, () -> options("layers=" + dir.resolve("none.txt")));
        Path empty = dir.resolve("empty.txt");
        Files.writeString(empty, "# nothing\n");
        assertThrows(ConversionException.class, () -> options("layers=" + empty));
    }
}

package dev.pnnxj.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pnnxj.ncnn.Manifest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BinCheck} on a hand-built LSTM model (hidden 2, input 3: W_x 24, bias 8, W_h 16 values,
 * each a zero tag then fp32) with its manifest, and on files it must refuse.
 */
class BinCheckTest {
    static final String LSTM = "LSTM lstm 1 1 in0 out0 0=2 1=%d 2=0";

    @TempDir
    Path dir;
    Path param;
    Path bin;
    Path manifest;

    @BeforeEach
    void writeModel() throws IOException {
        param = dir.resolve("m.param");
        bin = dir.resolve("m.bin");
        manifest = dir.resolve("m.bin.json");
        Files.writeString(param, Models.param("Input in0 0 1 in0", LSTM.formatted(24)));
        float[] wx = new float[24];
        float[] b = new float[8];
        float[] wh = new float[16];
        Arrays.fill(wx, 0.5f);
        Arrays.fill(b, -1f);
        Arrays.fill(wh, 0.25f);
        byte[] data = bytes(new Bin().flagged(wx).flagged(b).flagged(wh).buffer());
        Files.write(bin, data);
        Manifest m = new Manifest(false, data.length, List.of(new Manifest.LayerEntry("lstm", "LSTM", "/lstm/LSTM",
                List.of(entry("W", data, 0, 100, 24), entry("B", data, 100, 36, 8), entry("R", data, 136, 68, 16)))),
                Map.of("in0", "x"), Map.of("out0", "y"), Map.of());
        try (OutputStream out = Files.newOutputStream(manifest)) {
            m.write(out);
        }
    }

    @Test
    void acceptsTheModelAsWritten() {
        assertEquals(new BinCheck.Result(true, bin + ": 1 weighted layers of 2, 3 weights, 204 bytes as " + param
                + " loads them, matching the manifest"), BinCheck.check(param, bin, manifest));
    }

    @Test
    void namesTheLstmWhoseWeightDataSizeChanged() throws IOException {
        Files.writeString(param, Models.param("Input in0 0 1 in0", LSTM.formatted(32)));
        assertEquals(bin + ": layer 'lstm' (LSTM) weight 1 of 3 (W): expected offset 0 size 100 (24 fp32)"
                + " crc32 " + crcOf(0, 100) + ", found offset 0 size 132 (32 fp32) crc32 " + crcOf(0, 132),
                BinCheck.check(param, bin, manifest).message());
    }

    @Test
    void withoutManifestAChangedWeightDataSizeReadsPastTheEnd() throws IOException {
        Files.writeString(param, Models.param("Input in0 0 1 in0", LSTM.formatted(32)));
        assertEquals(bin + ": layer 'lstm' (LSTM): bin ends early: reading the quantization table"
                + " that tag 0xbf800000 at offset 132 announces needs 1024 bytes at offset 136 but only 68 remain", BinCheck.check(param, bin, null).message());
    }

    @Test
    void namesALayerWhoseParamsCannotBeRead() throws IOException {
        Files.writeString(param, Models.param("Input in0 0 1 in0", LSTM.formatted(25)));
        assertEquals(new BinCheck.Result(false, param + ":4: layer 'lstm' (LSTM): weight_data_size 25 is not"
                + " directions * 8 * input size"), BinCheck.check(param, bin, manifest));
    }

    @Test
    void namesALayerTypeItCannotCheck() throws IOException {
        Files.writeString(param, Models.param("Input in0 0 1 in0", "YoloV5Focus focus 1 1 in0 out0"));
        assertEquals(new BinCheck.Result(false, "layer 'focus' (YoloV5Focus) at " + param + ":4: layer type"
                + " YoloV5Focus cannot be checked: pnnx-j does not know how it stores weights"),
                BinCheck.check(param, bin, null));
    }

    @Test
    void reportsWeightsTheManifestDoesNotRecord() throws IOException {
        Files.writeString(param, Models.param("Input in0 0 1 in0", LSTM.formatted(24).replace("lstm ", "rnn ")));
        assertEquals(bin + ": layer 'rnn' (LSTM) loads 3 weight(s) at offset 0 that the manifest does not record"
                + " for it; the manifest records layer 'lstm' (LSTM) next", BinCheck.check(param, bin, manifest).message());
    }

    @Test
    void reportsTrailingBytes() throws IOException {
        Files.write(bin, Arrays.copyOf(Files.readAllBytes(bin), 212));
        assertEquals(bin + ": 8 bytes follow the last weight, which ends at offset 204 of 212",
                BinCheck.check(param, bin, null).message());
    }

    private String crcOf(int offset, int length) throws IOException {
        CRC32 c = new CRC32();
        c.update(Files.readAllBytes(bin), offset, length);
        return String.format("%08x", c.getValue());
    }

    private static Manifest.WeightEntry entry(String name, byte[] data, int offset, int length, int elements) {
        CRC32 c = new CRC32();
        c.update(data, offset, length);
        return new Manifest.WeightEntry(name, offset, length, "fp32", elements, String.format("%08x", c.getValue()));
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.get(a);
        return a;
    }
}

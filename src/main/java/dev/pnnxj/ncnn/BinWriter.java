package dev.pnnxj.ncnn;

import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.util.Half;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Streams every layer's weights into ncnn's .bin in layer order, little-endian, each weight
 * 4-byte aligned. A flagged weight (ncnn load type 0) starts with its storage tag: 0x01306B47 then
 * fp16 values, or four zero bytes then fp32. Unflagged weights are raw fp32. Returns the manifest
 * entries (offset, length, checksum) computed over exactly the bytes written.
 */
public final class BinWriter {
    /** ncnn's tag for fp16 weight data. */
    public static final int FP16_TAG = 0x01306B47;
    private static final int CHUNK = 1 << 16;

    private final OutputStream out;
    private final boolean fp16;
    private final ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
    private final CRC32 crc = new CRC32();
    private final float[] floats = new float[CHUNK / 2];
    private final short[] halves = new short[CHUNK / 2];
    private long offset;

    private BinWriter(OutputStream out, boolean fp16) {
        this.out = out;
        this.fp16 = fp16;
    }

    public static Manifest write(NcnnModel model, OutputStream out, boolean fp16) throws IOException {
        BinWriter w = new BinWriter(out, fp16);
        List<Manifest.LayerEntry> layers = new ArrayList<>();
        for (NcnnLayer l : model.layers) {
            if (l.weights.isEmpty()) {
                continue;
            }
            List<Manifest.WeightEntry> entries = new ArrayList<>();
            for (Weight wt : l.weights) {
                entries.add(w.writeWeight(wt));
            }
            layers.add(new Manifest.LayerEntry(l.name(), l.type(), l.source(), entries));
        }
        return new Manifest(fp16, w.offset, layers, model);
    }

    private Manifest.WeightEntry writeWeight(Weight wt) throws IOException {
        Tensor t = wt.data();
        long start = offset;
        crc.reset();
        String storage;
        boolean half = fp16 && wt.flagged() && !wt.fp32();
        if (wt.flagged()) {
            buf.putInt(half ? FP16_TAG : 0);
        }
        ByteBuffer src = t.bytes();
        long n = t.numel();
        if (half) {
            storage = "fp16";
            if (t.dtype() == DType.FLOAT32) {
                // in bulk through arrays: a per-value get/put on the mapped and heap buffers costs
                // ~13 ns a value (11 s for a 3.2 GB model), the array loop a small fraction of that
                FloatBuffer f = src.asFloatBuffer();
                while (f.hasRemaining()) {
                    room(2);
                    int len = Math.min(buf.remaining() / 2, f.remaining());
                    f.get(floats, 0, len);
                    for (int i = 0; i < len; i++) {
                        halves[i] = Half.fromFloat(floats[i]);
                    }
                    buf.asShortBuffer().put(halves, 0, len);
                    buf.position(buf.position() + 2 * len);
                }
            } else {
                for (long i = 0; i < n; i++) {
                    room(2);
                    buf.putShort(Half.fromFloat((float) t.doubleAt(src, i)));
                }
            }
        } else {
            storage = wt.flagged() ? "fp32" : "raw-fp32";
            if (t.dtype() == DType.FLOAT32) {
                // already little-endian fp32: copy the bytes through without decoding them
                while (src.hasRemaining()) {
                    room(1);
                    int len = Math.min(buf.remaining(), src.remaining());
                    ByteBuffer part = src.slice().limit(len);
                    buf.put(part);
                    src.position(src.position() + len);
                }
            } else {
                for (long i = 0; i < n; i++) {
                    room(4);
                    buf.putFloat((float) t.doubleAt(src, i));
                }
            }
        }
        long written = offset + buf.position() - start;
        int pad = (int) ((4 - written % 4) % 4);
        for (int i = 0; i < pad; i++) {
            room(1);
            buf.put((byte) 0);
        }
        flush();
        return new Manifest.WeightEntry(wt.name(), start, offset - start, storage, n,
                String.format("%08x", crc.getValue()));
    }

    private void room(int bytes) throws IOException {
        if (buf.remaining() < bytes) {
            flush();
        }
    }

    private void flush() throws IOException {
        if (buf.position() == 0) {
            return;
        }
        crc.update(buf.array(), 0, buf.position());
        out.write(buf.array(), 0, buf.position());
        offset += buf.position();
        buf.clear();
    }
}

package dev.pnnxj.verify;

import dev.pnnxj.ConversionException;
import dev.pnnxj.util.Half;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Consumer;

/**
 * Reads a .bin the way ncnn's ModelBin does. {@code load(n, 0)} first reads a 4-byte tag:
 * 0x01306B47 means n fp16 values padded to 4 bytes, 0x000D4B38 int8 (not supported here),
 * 0x0002C056 or an all-zero tag n raw fp32 values, and any other tag a 256-entry fp32 table
 * followed by n uint8 indices padded to 4 bytes. {@code load(n, 1)} reads n raw fp32 values.
 * Errors name the layer being loaded.
 */
public final class WeightReader {
    public static final int TAG_FP16 = 0x01306B47;
    public static final int TAG_INT8 = 0x000D4B38;
    public static final int TAG_FP32 = 0x0002C056;

    private final ByteBuffer buf;
    private final String source;
    private String layer = "?";
    private Consumer<Load> listener = l -> { };
    /** Storage kind of the load in progress, for its {@link Load} record. */
    private String storage;

    /**
     * One completed load as it lies in the file: start offset, bytes consumed (tag, table and
     * padding included), storage kind ({@code fp32}, {@code fp16}, {@code raw-fp32} as the
     * writer's manifest names them, or {@code uint8-table}) and element count.
     */
    public record Load(long offset, long length, String storage, long elements) {
    }

    public WeightReader(ByteBuffer data, String source) {
        this.buf = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.source = source;
    }

    /** Sets the layer named in error messages for the loads that follow. */
    public void beginLayer(String name, String type) {
        layer = "'" + name + "' (" + type + ")";
    }

    /** Reports every later completed load to {@code listener} ({@code pnnx-j check} maps the file with it). */
    public void onLoad(Consumer<Load> listener) {
        this.listener = listener;
    }

    public float[] load(int n, int type) {
        int start = buf.position();
        float[] values = read(n, type);
        listener.accept(new Load(start, buf.position() - start, storage, n));
        return values;
    }

    private float[] read(int n, int type) {
        if (n < 0) {
            throw fail("negative weight count " + n);
        }
        if (type == 1) {
            storage = "raw-fp32";
            return fp32(n);
        }
        if (type != 0) {
            throw fail("unknown load type " + type);
        }
        need(4, "storage tag");
        int at = buf.position();
        int tag = buf.getInt();
        if (tag == TAG_FP16) {
            storage = "fp16";
            need(align4(2L * n), n + " fp16 values");
            float[] f = new float[n];
            for (int i = 0; i < n; i++) {
                f[i] = Half.toFloat(buf.getShort());
            }
            skipPadding(2L * n);
            return f;
        }
        if (tag == TAG_INT8) {
            throw fail("int8 weights (tag 0x000D4B38 at offset " + at + ") are not supported by the reference executor");
        }
        if (tag == TAG_FP32 || tag == 0) {
            storage = "fp32";
            return fp32(n);
        }
        storage = "uint8-table";
        need(256 * 4, String.format("the quantization table that tag 0x%08x at offset %d announces", tag, at));
        float[] table = new float[256];
        for (int i = 0; i < 256; i++) {
            table[i] = buf.getFloat();
        }
        need(align4(n), n + " quantization indices");
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = table[buf.get() & 0xff];
        }
        skipPadding(n);
        return f;
    }

    /** Bytes not read yet. */
    public int remaining() {
        return buf.remaining();
    }

    /** Fails if bytes are left once every layer has loaded its weights. */
    public void expectEnd() {
        if (buf.hasRemaining()) {
            throw new ConversionException(source + ": bin is longer than the layers read: " + buf.remaining()
                    + " extra bytes");
        }
    }

    private float[] fp32(int n) {
        need(4L * n, n + " fp32 values");
        float[] f = new float[n];
        buf.asFloatBuffer().get(f);
        buf.position(buf.position() + 4 * n);
        return f;
    }

    private void skipPadding(long used) {
        buf.position(buf.position() + (int) (align4(used) - used));
    }

    private static long align4(long n) {
        return (n + 3) / 4 * 4;
    }

    private void need(long bytes, String what) {
        if (buf.remaining() < bytes) {
            throw fail("bin ends early: reading " + what + " needs " + bytes + " bytes at offset " + buf.position()
                    + " but only " + buf.remaining() + " remain");
        }
    }

    private ConversionException fail(String message) {
        return new ConversionException(source + ": layer " + layer + ": " + message);
    }
}

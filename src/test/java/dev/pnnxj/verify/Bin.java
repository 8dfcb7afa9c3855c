package dev.pnnxj.verify;

import dev.pnnxj.util.Half;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Builds .bin bytes in tests: raw fp32 (load type 1) and the type-0 storage forms. */
final class Bin {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Raw fp32 values, as read by load(n, 1). */
    Bin raw(float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        out.writeBytes(b.array());
        return this;
    }

    /** A zero tag then raw fp32 values, as read by load(n, 0). */
    Bin flagged(float... values) {
        return tag(0).raw(values);
    }

    Bin tag(int tag) {
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(tag).array());
        return this;
    }

    /** The fp16 tag then half values padded to 4 bytes. */
    Bin fp16(float... values) {
        tag(WeightReader.TAG_FP16);
        ByteBuffer b = ByteBuffer.allocate((2 * values.length + 3) / 4 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putShort(Half.fromFloat(v));
        }
        out.writeBytes(b.array());
        return this;
    }

    Bin bytes(int... values) {
        for (int v : values) {
            out.write(v);
        }
        return this;
    }

    ByteBuffer buffer() {
        return ByteBuffer.wrap(out.toByteArray());
    }
}

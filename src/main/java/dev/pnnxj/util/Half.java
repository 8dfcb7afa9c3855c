package dev.pnnxj.util;

/**
 * IEEE 754 binary16 and bfloat16 conversions. Java 17 has no {@code Float.float16ToFloat}, and
 * ncnn stores fp16 weights with round-to-nearest-even, so this rounds the same way.
 */
public final class Half {
    private Half() {
    }

    public static float toFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0) {
            if (mant == 0) {
                return Float.intBitsToFloat(sign);
            }
            // subnormal half: value = mant * 2^-24
            float f = mant * 0x1p-24f;
            return sign != 0 ? -f : f;
        }
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    public static short fromFloat(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = (bits >>> 23) & 0xff;
        int mant = bits & 0x7fffff;
        if (exp == 0xff) {
            // inf stays inf; NaN keeps a quiet payload bit so it stays NaN
            return (short) (sign | 0x7c00 | (mant != 0 ? 0x200 | (mant >>> 13) : 0));
        }
        int e = exp - 127 + 15;
        if (e >= 0x1f) {
            return (short) (sign | 0x7c00);
        }
        if (e <= 0) {
            if (e < -10) {
                return (short) sign;
            }
            // subnormal: shift in the implicit bit, then round to nearest even
            int m = mant | 0x800000;
            int shift = 14 - e;
            int half = m >>> shift;
            int rem = m & ((1 << shift) - 1);
            int mid = 1 << (shift - 1);
            if (rem > mid || (rem == mid && (half & 1) != 0)) {
                half++;
            }
            return (short) (sign | half);
        }
        // round to nearest even without a branch (random mantissas mispredict one every other value):
        // adding 0xfff plus the kept lowest bit carries exactly when the dropped 13 bits are over
        // half, or half with an odd kept part; a carry into the exponent is the correct rounding
        // to the next binade or to inf
        int rebiased = (e << 23) | mant;
        return (short) (sign | ((rebiased + 0xfff + ((mant >>> 13) & 1)) >>> 13));
    }

    public static float bf16ToFloat(short b) {
        return Float.intBitsToFloat((b & 0xffff) << 16);
    }
}

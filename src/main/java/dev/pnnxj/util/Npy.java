package dev.pnnxj.util;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One NumPy {@code .npy} array (format versions 1, 2 and 3, C order, little endian). Floating
 * dtypes keep their values in {@link #floats()} (float64 is narrowed to float32, which is all the
 * fp32 tools here compare against); integer and bool dtypes keep theirs in {@link #longs()}.
 * Exactly one of the two arrays is non-null.
 */
public record Npy(DType dtype, long[] shape, float[] floats, long[] longs) {

    /** The element types this reader and writer handle, with their numpy {@code descr} strings. */
    public enum DType {
        FLOAT32("<f4", 4), FLOAT64("<f8", 8), INT64("<i8", 8), INT32("<i4", 4), BOOL("|b1", 1), UINT8("|u1", 1);

        public final String descr;
        public final int size;

        DType(String descr, int size) {
            this.descr = descr;
            this.size = size;
        }

        public boolean isFloat() {
            return this == FLOAT32 || this == FLOAT64;
        }

        static DType ofDescr(String descr) {
            for (DType t : values()) {
                // byte order is meaningless for 1-byte types, so any prefix is accepted there
                boolean oneByteMatch = t.size == 1 && descr.length() == 3 && t.descr.endsWith(descr.substring(1));
                if (t.descr.equals(descr) || oneByteMatch) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unsupported npy dtype '" + descr
                    + "' (supported: <f4, <f8, <i8, <i4, |b1, |u1)");
        }
    }

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    public Npy {
        if ((floats == null) == (longs == null)) {
            throw new IllegalArgumentException("exactly one of floats and longs must be given");
        }
        if (dtype.isFloat() != (floats != null)) {
            throw new IllegalArgumentException(dtype + " data must be given as " + (dtype.isFloat() ? "floats" : "longs"));
        }
        long count = count(shape);
        int length = floats != null ? floats.length : longs.length;
        if (count != length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + count
                    + " elements but " + length + " were given");
        }
    }

    public static Npy ofFloat32(long[] shape, float[] data) {
        return new Npy(DType.FLOAT32, shape.clone(), data, null);
    }

    public static Npy ofInt64(long[] shape, long[] data) {
        return new Npy(DType.INT64, shape.clone(), null, data);
    }

    /** Number of elements: the product of the shape (1 for a 0-d array). */
    public long count() {
        return count(shape);
    }

    /** The shape as ints; fails if an extent does not fit. */
    public int[] intShape() {
        int[] s = new int[shape.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.toIntExact(shape[i]);
        }
        return s;
    }

    /** The values as float32, converting integer and bool elements. */
    public float[] toFloats() {
        if (floats != null) {
            return floats;
        }
        float[] f = new float[longs.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = longs[i];
        }
        return f;
    }

    public static Npy read(Path path) throws IOException {
        try {
            return parse(Files.readAllBytes(path));
        } catch (IllegalArgumentException e) {
            throw new IOException(path + ": " + e.getMessage(), e);
        }
    }

    public void write(Path path) throws IOException {
        Files.write(path, toBytes());
    }

    /** Parses the bytes of a whole .npy file. */
    public static Npy parse(byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) {
            throw new IllegalArgumentException("not a .npy file (bad magic)");
        }
        int major = bytes[6];
        buf.position(8);
        long headerLen;
        if (major == 1) {
            headerLen = buf.getShort() & 0xffff;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new IllegalArgumentException("truncated .npy header");
            }
            headerLen = buf.getInt() & 0xffffffffL;
        } else {
            throw new IllegalArgumentException("unsupported .npy format version " + major);
        }
        if (buf.position() + headerLen > bytes.length) {
            throw new IllegalArgumentException("truncated .npy header: needs " + headerLen + " bytes");
        }
        String header = new String(bytes, buf.position(), (int) headerLen,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        buf.position(buf.position() + (int) headerLen);

        DType dtype = DType.ofDescr(field(DESCR, header, "descr"));
        if (field(FORTRAN, header, "fortran_order").equals("True")) {
            throw new IllegalArgumentException("fortran_order=True arrays are not supported; save a C-ordered array");
        }
        long[] shape = parseShape(field(SHAPE, header, "shape"));
        long count = count(shape);
        long need = count * dtype.size;
        if (buf.remaining() < need) {
            throw new IllegalArgumentException("truncated .npy data: shape " + Arrays.toString(shape) + " of "
                    + dtype.descr + " needs " + need + " bytes, file has " + buf.remaining());
        }
        int n = Math.toIntExact(count);
        switch (dtype) {
            case FLOAT32: {
                float[] f = new float[n];
                buf.asFloatBuffer().get(f);
                return new Npy(dtype, shape, f, null);
            }
            case FLOAT64: {
                float[] f = new float[n];
                for (int i = 0; i < n; i++) {
                    f[i] = (float) buf.getDouble();
                }
                return new Npy(dtype, shape, f, null);
            }
            default: {
                long[] l = new long[n];
                for (int i = 0; i < n; i++) {
                    l[i] = switch (dtype) {
                        case INT64 -> buf.getLong();
                        case INT32 -> buf.getInt();
                        case BOOL -> buf.get() != 0 ? 1 : 0;
                        default -> buf.get() & 0xff;
                    };
                }
                return new Npy(dtype, shape, null, l);
            }
        }
    }

    /** The bytes of a .npy file holding this array (version 1 unless the header needs more room). */
    public byte[] toBytes() {
        StringBuilder dims = new StringBuilder();
        for (long s : shape) {
            dims.append(s).append(", ");
        }
        String shapeText = shape.length == 1 ? dims.substring(0, dims.length() - 1) : dims.length() == 0 ? ""
                : dims.substring(0, dims.length() - 2);
        String dict = "{'descr': '" + dtype.descr + "', 'fortran_order': False, 'shape': (" + shapeText + "), }";
        int version = dict.length() + 11 > 65535 ? 2 : 1;
        int prefix = version == 1 ? 10 : 12;
        // numpy pads the header with spaces so the data starts on a 64-byte boundary
        int total = (prefix + dict.length() + 1 + 63) / 64 * 64;
        String header = dict + " ".repeat(total - prefix - dict.length() - 1) + "\n";
        ByteBuffer buf = ByteBuffer.allocate(total + Math.toIntExact(count() * dtype.size)).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).put((byte) version).put((byte) 0);
        if (version == 1) {
            buf.putShort((short) header.length());
        } else {
            buf.putInt(header.length());
        }
        buf.put(header.getBytes(StandardCharsets.ISO_8859_1));
        if (floats != null) {
            for (float f : floats) {
                if (dtype == DType.FLOAT32) {
                    buf.putFloat(f);
                } else {
                    buf.putDouble(f);
                }
            }
        } else {
            for (long l : longs) {
                switch (dtype) {
                    case INT64 -> buf.putLong(l);
                    case INT32 -> buf.putInt((int) l);
                    default -> buf.put((byte) l);
                }
            }
        }
        return buf.array();
    }

    private static String field(Pattern p, String header, String name) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new IllegalArgumentException("malformed .npy header, no '" + name + "': " + header.trim());
        }
        return m.group(1);
    }

    private static long[] parseShape(String text) {
        String[] parts = text.split(",");
        return Arrays.stream(parts).map(String::trim).filter(s -> !s.isEmpty()).mapToLong(s -> {
            try {
                return Long.parseLong(s.endsWith("L") ? s.substring(0, s.length() - 1) : s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("malformed .npy shape (" + text + ")");
            }
        }).toArray();
    }

    private static long count(long[] shape) {
        long n = 1;
        for (long s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("negative extent in shape " + Arrays.toString(shape));
            }
            n *= s;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Npy n && n.dtype == dtype && Arrays.equals(n.shape, shape)
                && Arrays.equals(n.floats, floats) && Arrays.equals(n.longs, longs);
    }

    @Override
    public int hashCode() {
        return 31 * dtype.hashCode() + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "Npy[" + dtype.descr + " " + Arrays.toString(shape) + "]";
    }
}

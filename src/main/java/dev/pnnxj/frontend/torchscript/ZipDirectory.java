package dev.pnnxj.frontend.torchscript;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipException;

/**
 * The entries of a zip file with the file offset of each one's data, which {@link java.util.zip.ZipFile}
 * does not tell: read from the central directory (ZIP64 records and extra fields included, so
 * archives past 4 GiB work) and from each entry's local header, whose extra field may differ from
 * the central one ({@code torch.jit.save} pads it to align the data to 64 bytes).
 *
 * <p>Every entry is checked to lie inside the file, so a truncated or corrupt archive is refused
 * here, before any of it is used.
 */
final class ZipDirectory {
    static final int STORED = 0;
    static final int DEFLATED = 8;

    private static final int END_SIG = 0x06054b50;
    private static final int END_SIZE = 22;
    private static final int ZIP64_LOCATOR_SIG = 0x07064b50;
    private static final int ZIP64_LOCATOR_SIZE = 20;
    private static final int ZIP64_END_SIG = 0x06064b50;
    private static final int CENTRAL_SIG = 0x02014b50;
    private static final int CENTRAL_SIZE = 46;
    private static final int LOCAL_SIG = 0x04034b50;
    private static final int LOCAL_SIZE = 30;
    private static final int ZIP64_EXTRA_ID = 0x0001;
    private static final long MAGIC32 = 0xFFFFFFFFL;

    /** One entry: how its data is stored and where in the file it starts. */
    record Entry(String name, int method, long compressedSize, long size, long dataOffset) {
    }

    private ZipDirectory() {
    }

    /**
     * The entries of the zip open in {@code ch}, by name.
     *
     * @throws ZipException when the file is no zip, is truncated, or uses features an archive
     *                      written by {@code torch.jit.save} never has (encryption, several disks,
     *                      compression other than deflate)
     */
    static Map<String, Entry> read(FileChannel ch) throws IOException {
        long length = ch.size();
        int tailSize = (int) Math.min(length, END_SIZE + 0xFFFF);
        ByteBuffer tail = at(ch, length - tailSize, tailSize);
        int end = findEnd(tail);
        long count = u16(tail, end + 10);
        long cdSize = u32(tail, end + 12);
        long cdOffset = u32(tail, end + 16);
        long endOffset = length - tailSize + end;
        if (endOffset >= ZIP64_LOCATOR_SIZE && at(ch, endOffset - ZIP64_LOCATOR_SIZE, 4).getInt(0) == ZIP64_LOCATOR_SIG) {
            long zip64End = at(ch, endOffset - ZIP64_LOCATOR_SIZE, ZIP64_LOCATOR_SIZE).getLong(8);
            ByteBuffer record = at(ch, check(zip64End, 56, endOffset, "ZIP64 end record"), 56);
            if (record.getInt(0) != ZIP64_END_SIG) {
                throw new ZipException("bad ZIP64 end record");
            }
            count = record.getLong(32);
            cdSize = record.getLong(40);
            cdOffset = record.getLong(48);
            endOffset = zip64End;
        }
        ByteBuffer cd = at(ch, check(cdOffset, cdSize, endOffset, "central directory"), Math.toIntExact(cdSize));
        Map<String, Entry> entries = new LinkedHashMap<>();
        int p = 0;
        for (long i = 0; i < count; i++) {
            Entry e = entry(ch, cd, p, cdOffset);
            entries.put(e.name(), e);
            p += CENTRAL_SIZE + u16(cd, p + 28) + u16(cd, p + 30) + u16(cd, p + 32);
        }
        return entries;
    }

    /** The position in {@code tail} of the end record, the last one whose comment ends the file. */
    private static int findEnd(ByteBuffer tail) throws ZipException {
        for (int p = tail.limit() - END_SIZE; p >= 0; p--) {
            if (tail.getInt(p) == END_SIG && p + END_SIZE + u16(tail, p + 20) == tail.limit()) {
                if (u16(tail, p + 4) != 0 || u16(tail, p + 6) != 0) {
                    throw new ZipException("split over several disks");
                }
                return p;
            }
        }
        throw new ZipException("no end of central directory record");
    }

    /** The central directory header at {@code p} and its local header, both checked. */
    private static Entry entry(FileChannel ch, ByteBuffer cd, int p, long cdOffset) throws IOException {
        if (p + CENTRAL_SIZE > cd.limit() || cd.getInt(p) != CENTRAL_SIG) {
            throw new ZipException("bad central directory header");
        }
        int flags = u16(cd, p + 8);
        int method = u16(cd, p + 10);
        long compressed = u32(cd, p + 20);
        long size = u32(cd, p + 24);
        int nameLength = u16(cd, p + 28);
        int extraLength = u16(cd, p + 30);
        long local = u32(cd, p + 42);
        int extra = p + CENTRAL_SIZE + nameLength;
        if (extra + extraLength > cd.limit()) {
            throw new ZipException("bad central directory header");
        }
        String name = StandardCharsets.UTF_8.decode(cd.slice(p + CENTRAL_SIZE, nameLength)).toString();
        // the ZIP64 extra field holds, in this order, exactly the values whose 32-bit field is all ones
        ByteBuffer zip64 = zip64Field(cd.slice(extra, extraLength).order(ByteOrder.LITTLE_ENDIAN));
        if (size == MAGIC32) {
            size = long64(zip64, name);
        }
        if (compressed == MAGIC32) {
            compressed = long64(zip64, name);
        }
        if (local == MAGIC32) {
            local = long64(zip64, name);
        }
        if ((flags & 1) != 0) {
            throw new ZipException("entry " + name + " is encrypted");
        }
        if (method != STORED && method != DEFLATED) {
            throw new ZipException("entry " + name + " uses compression method " + method);
        }
        if (method == STORED && compressed != size) {
            throw new ZipException("stored entry " + name + " has two different sizes");
        }
        ByteBuffer header = at(ch, check(local, LOCAL_SIZE, cdOffset, "local header of " + name), LOCAL_SIZE);
        if (header.getInt(0) != LOCAL_SIG) {
            throw new ZipException("bad local header of entry " + name);
        }
        long data = local + LOCAL_SIZE + u16(header, 26) + u16(header, 28);
        check(data, compressed, cdOffset, "entry " + name);
        return new Entry(name, method, compressed, size, data);
    }

    private static ByteBuffer zip64Field(ByteBuffer extra) {
        while (extra.remaining() >= 4) {
            int id = Short.toUnsignedInt(extra.getShort());
            int length = Short.toUnsignedInt(extra.getShort());
            if (length > extra.remaining()) {
                break;
            }
            if (id == ZIP64_EXTRA_ID) {
                return extra.slice(extra.position(), length).order(ByteOrder.LITTLE_ENDIAN);
            }
            extra.position(extra.position() + length);
        }
        return ByteBuffer.allocate(0);
    }

    private static long long64(ByteBuffer zip64, String name) throws ZipException {
        if (zip64.remaining() < 8) {
            throw new ZipException("entry " + name + " lacks its ZIP64 sizes");
        }
        long v = zip64.getLong();
        if (v < 0) {
            throw new ZipException("entry " + name + " has a size or offset past 2^63");
        }
        return v;
    }

    /** {@code offset}, once checked that {@code length} bytes from it end by {@code limit}. */
    private static long check(long offset, long length, long limit, String what) throws ZipException {
        if (offset < 0 || length < 0 || offset > limit - length) {
            throw new ZipException(what + " does not fit in the file");
        }
        return offset;
    }

    private static ByteBuffer at(FileChannel ch, long offset, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, offset + b.position()) < 0) {
                throw new EOFException("unexpected end of file");
            }
        }
        return b.flip();
    }

    private static int u16(ByteBuffer b, int p) {
        return Short.toUnsignedInt(b.getShort(p));
    }

    private static long u32(ByteBuffer b, int p) {
        return Integer.toUnsignedLong(b.getInt(p));
    }
}

package dev.pnnxj.frontend.torchscript;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds small TorchScript-like zip archives for tests; entry names are written as given. Entries
 * are deflated unless added with {@link #stored}, as {@code torch.jit.save} writes them.
 */
final class TestArchive {
    private final Map<String, byte[]> entries = new LinkedHashMap<>();
    private final Set<String> stored = new HashSet<>();

    Map<String, byte[]> entries() {
        return entries;
    }

    TestArchive entry(String name, byte[] data) {
        entries.put(name, data);
        return this;
    }

    /** An entry kept uncompressed. */
    TestArchive stored(String name, byte[] data) {
        stored.add(name);
        return entry(name, data);
    }

    TestArchive entry(String name, String text) {
        return entry(name, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A one-module archive under folder {@code m/}: an object of class {@code __torch__.M} with
     * the given state (pickled after the MARK of its dict) and {@code code} as code/__torch__.py.
     */
    static TestArchive module(PickleBytes state, String code) {
        return new TestArchive()
                .entry("m/data.pkl", state.endObject().stop())
                .entry("m/code/__torch__.py", code)
                .entry("m/version", "3\n");
    }

    /** An empty state dict for {@link #module}. */
    static PickleBytes noState() {
        return new PickleBytes().beginObject("__torch__", "M");
    }

    Path write(Path file) {
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                if (stored.contains(e.getKey())) {
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(e.getValue().length);
                    entry.setCrc(crc(e.getValue()));
                }
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * Writes every entry stored, in the ZIP64 form an archive past 4 GiB has: each entry's sizes
     * and offset sit in a ZIP64 extra field of the central directory (the 32-bit fields all ones),
     * and a ZIP64 end record holds the directory's place.
     */
    Path writeZip64(Path file) {
        ByteBuffer out = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        ByteArrayOutputStream central = new ByteArrayOutputStream();
        int count = 0;
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] data = e.getValue();
            int local = out.position();
            out.putInt(0x04034b50).putShort((short) 45).putShort((short) 0).putShort((short) 0).putInt(0)
                    .putInt((int) crc(data)).putInt(data.length).putInt(data.length)
                    .putShort((short) name.length).putShort((short) 0).put(name).put(data);
            ByteBuffer c = ByteBuffer.allocate(46 + name.length + 28).order(ByteOrder.LITTLE_ENDIAN);
            c.putInt(0x02014b50).putShort((short) 45).putShort((short) 45).putShort((short) 0).putShort((short) 0)
                    .putInt(0).putInt((int) crc(data)).putInt(-1).putInt(-1).putShort((short) name.length)
                    .putShort((short) 28).putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0)
                    .putInt(-1).put(name)
                    .putShort((short) 1).putShort((short) 24).putLong(data.length).putLong(data.length).putLong(local);
            central.writeBytes(c.array());
            count++;
        }
        long cdOffset = out.position();
        out.put(central.toByteArray());
        long zip64End = out.position();
        out.putInt(0x06064b50).putLong(44).putShort((short) 45).putShort((short) 45).putInt(0).putInt(0)
                .putLong(count).putLong(count).putLong(central.size()).putLong(cdOffset);
        out.putInt(0x07064b50).putInt(0).putLong(zip64End).putInt(1);
        out.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) -1).putShort((short) -1)
                .putInt(-1).putInt(-1).putShort((short) 0);
        try {
            Files.write(file, Arrays.copyOf(out.array(), out.position()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static long crc(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return crc.getValue();
    }
}

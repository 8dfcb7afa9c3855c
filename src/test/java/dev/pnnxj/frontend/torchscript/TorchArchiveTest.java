package dev.pnnxj.frontend.torchscript;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pnnxj.ConversionException;
import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchArchiveTest {
    private static final Path VIEWS = Path.of("testdata/torchscript/views.pt");

    @TempDir
    Path dir;

    /** The tensor attribute {@code name} of the root module of a real archive, as an IR tensor. */
    private static Tensor attribute(TorchArchive archive, String name) {
        ScriptObject root = (ScriptObject) TorchUnpickler.unpickle(archive.read("data.pkl"), "data.pkl", "data");
        return ((StoredTensor) root.attributes().get(name)).toTensor(archive, name);
    }

    @Test
    void readsStoragesOfEveryDtype() {
        TorchArchive a = TorchArchive.open(VIEWS);
        Tensor i64 = attribute(a, "i64");
        assertEquals(DType.INT64, i64.dtype());
        assertArrayEquals(new long[] {-3, 5, 1L << 40}, i64.toLongs());
        Tensor i32 = attribute(a, "i32");
        assertEquals(DType.INT32, i32.dtype());
        assertEquals(Shape.of(2, 2), i32.shape());
        assertArrayEquals(new long[] {1, -2, 3, -4}, i32.toLongs());
        Tensor f16 = attribute(a, "f16");
        assertEquals(DType.FLOAT16, f16.dtype());
        assertArrayEquals(new float[] {1.5f, -2.25f}, f16.toFloats());
        assertArrayEquals(new double[] {0.1}, attribute(a, "f64").toDoubles());
        Tensor u8 = attribute(a, "u8");
        assertEquals(DType.UINT8, u8.dtype());
        assertArrayEquals(new long[] {0, 200, 255}, u8.toLongs());
        Tensor flags = attribute(a, "flags");
        assertEquals(DType.BOOL, flags.dtype());
        assertArrayEquals(new long[] {1, 0, 1}, flags.toLongs());
    }

    @Test
    void readsViewsWithOffsetsAndStridesOnOneStorage() {
        TorchArchive a = TorchArchive.open(VIEWS);
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, attribute(a, "base").toFloats());
        assertArrayEquals(new float[] {4, 5, 6, 7}, attribute(a, "row").toFloats());
        assertArrayEquals(new float[] {2, 6, 10}, attribute(a, "col").toFloats());
        Tensor tr = attribute(a, "tr");
        assertEquals(Shape.of(4, 3), tr.shape());
        assertArrayEquals(new float[] {0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11}, tr.toFloats());
    }

    @Test
    void transposedViewGathersWithoutCopyingUntilRead() {
        StoredTensor m = new StoredTensor(new StorageRef("data/0", DType.FLOAT32, 6), 0, new long[] {2, 3}, new long[] {3, 1});
        Path file = new TestArchive().entry("a/data.pkl", new byte[0]).entry("a/code/__torch__.py", "")
                .entry("a/data/0", floats(1, 2, 3, 4, 5, 6)).write(dir.resolve("m.pt"));
        Tensor t = m.transposed().toTensor(TorchArchive.open(file), "w");
        assertEquals(Shape.of(3, 2), t.shape());
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, t.toFloats());
    }

    @Test
    void refusesAViewReachingPastItsStorage() {
        Path file = new TestArchive().entry("a/data.pkl", new byte[0]).entry("a/code/__torch__.py", "")
                .entry("a/data/0", floats(1, 2, 3, 4)).write(dir.resolve("m.pt"));
        StoredTensor bad = new StoredTensor(new StorageRef("data/0", DType.FLOAT32, 4), 2, new long[] {3}, new long[] {1});
        ConversionException e = assertThrows(ConversionException.class, () -> bad.toTensor(TorchArchive.open(file), "w"));
        assertTrue(e.getMessage().contains("tensor 'w' views elements up to 4 of storage data/0, which holds 4"), e.getMessage());
    }

    @Test
    void refusesAStorageEntryShorterThanItsElementCount() {
        Path file = new TestArchive().entry("a/data.pkl", new byte[0]).entry("a/code/__torch__.py", "")
                .entry("a/data/0", floats(1, 2)).write(dir.resolve("m.pt"));
        Tensor t = new StoredTensor(new StorageRef("data/0", DType.FLOAT32, 4), 0, new long[] {4}, new long[] {1})
                .toTensor(TorchArchive.open(file), "w");
        ConversionException e = assertThrows(ConversionException.class, t::toFloats);
        assertTrue(e.getMessage().contains("short of the 16 it should have: the file is truncated"), e.getMessage());
    }

    /** An archive whose storage data/0 holds the floats 1 to 6, stored uncompressed or deflated. */
    private Path sixFloats(boolean stored, String fileName) {
        TestArchive a = new TestArchive().entry("a/data.pkl", new byte[] {7}).entry("a/code/__torch__.py", "");
        return (stored ? a.stored("a/data/0", floats(1, 2, 3, 4, 5, 6)) : a.entry("a/data/0", floats(1, 2, 3, 4, 5, 6)))
                .write(dir.resolve(fileName));
    }

    @Test
    void storedStorageIsAReadOnlyViewOfTheMappedFile() throws IOException {
        Path file = sixFloats(true, "stored.pt");
        ByteBuffer storage = TorchArchive.open(file).storage("data/0", Long.MAX_VALUE);
        assertTrue(storage.isDirect());
        assertTrue(storage.isReadOnly());
        assertEquals(ByteOrder.LITTLE_ENDIAN, storage.order());
        assertArrayEquals(floats(1, 2, 3, 4, 5, 6), bytes(storage));
        // a view of the mapping sees the file change under it; a copy would still hold 1
        long at = indexOf(Files.readAllBytes(file), floats(1, 2, 3, 4, 5, 6));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(floats(42)), at);
        }
        assertEquals(42f, storage.getFloat(0));
    }

    @Test
    void denseViewsAreSlicesOfTheMappingAndStridedViewsCopies() {
        TorchArchive a = TorchArchive.open(sixFloats(true, "views.pt"));
        StorageRef six = new StorageRef("data/0", DType.FLOAT32, 6);
        Tensor row = new StoredTensor(six, 3, new long[] {1, 3}, new long[] {3, 1}).toTensor(a, "row");
        assertTrue(row.bytes().isDirect());
        assertArrayEquals(new float[] {4, 5, 6}, row.toFloats());
        Tensor col = new StoredTensor(six, 1, new long[] {2}, new long[] {3}).toTensor(a, "col");
        assertFalse(col.bytes().isDirect());
        assertArrayEquals(new float[] {2, 5}, col.toFloats());
    }

    @Test
    void deflatedEntriesAreInflated() {
        TorchArchive a = TorchArchive.open(sixFloats(false, "deflated.pt"));
        ByteBuffer storage = a.storage("data/0", Long.MAX_VALUE);
        assertFalse(storage.isDirect());
        assertTrue(storage.isReadOnly());
        assertEquals(ByteOrder.LITTLE_ENDIAN, storage.order());
        assertArrayEquals(floats(1, 2, 3, 4, 5, 6), bytes(storage));
        assertArrayEquals(new byte[] {7}, a.read("data.pkl"));
    }

    @Test
    void mapsEachEntryAloneWhenTheFileIsTooLargeForOneMapping() {
        ByteBuffer storage = TorchArchive.open(sixFloats(true, "large.pt"), 0).storage("data/0", Long.MAX_VALUE);
        assertTrue(storage.isDirect());
        assertTrue(storage.isReadOnly());
        assertArrayEquals(floats(1, 2, 3, 4, 5, 6), bytes(storage));
    }

    @Test
    void readsZip64Archives() {
        Path file = new TestArchive().entry("a/data.pkl", new byte[] {7}).entry("a/code/__torch__.py", "")
                .entry("a/data/0", floats(1, 2, 3)).writeZip64(dir.resolve("zip64.pt"));
        TorchArchive a = TorchArchive.open(file);
        assertArrayEquals(new byte[] {7}, a.read("data.pkl"));
        assertArrayEquals(floats(1, 2, 3), bytes(a.storage("data/0", Long.MAX_VALUE)));
    }

    @Test
    void refusesAStoredEntryCutShort() throws IOException {
        byte[] whole = Files.readAllBytes(sixFloats(true, "whole.pt"));
        // drop the last float of data/0 (the last entry before the central directory) and move the
        // directory's recorded offset with it, so only the entry's own size tells it is short
        ByteBuffer end = ByteBuffer.wrap(whole, whole.length - 22, 22).order(ByteOrder.LITTLE_ENDIAN);
        int cdOffset = end.getInt(whole.length - 22 + 16);
        end.putInt(whole.length - 22 + 16, cdOffset - 4);
        byte[] cut = new byte[whole.length - 4];
        System.arraycopy(whole, 0, cut, 0, cdOffset - 4);
        System.arraycopy(whole, cdOffset, cut, cdOffset - 4, whole.length - cdOffset);
        Path file = Files.write(dir.resolve("cut.pt"), cut);
        ConversionException e = assertThrows(ConversionException.class, () -> TorchArchive.open(file));
        assertEquals(file + " is not a readable TorchScript archive (entry a/data/0 does not fit in the file): the file"
                + " is truncated or corrupt, or not a zip written by torch.jit.save; save it again", e.getMessage());
    }

    @Test
    void refusesAZipBombBehindASmallStorageWithoutInflatingIt() {
        // 64 MiB of zeros deflate to about 64 KiB; the tensor's storage needs 16 bytes
        Path file = new TestArchive().entry("a/data.pkl", new byte[] {7}).entry("a/code/__torch__.py", "")
                .entry("a/data/0", new byte[64 << 20]).write(dir.resolve("bomb.pt"));
        TorchArchive a = TorchArchive.open(file);
        Tensor t = new StoredTensor(new StorageRef("data/0", DType.FLOAT32, 4), 0, new long[] {4}, new long[] {1})
                .toTensor(a, "w");
        ConversionException e = assertThrows(ConversionException.class, t::bytes);
        assertEquals(file + ": entry a/data/0 inflates to " + (64 << 20) + " bytes, more than the 16 bytes its tensor"
                + " storage holds; pnnx-j does not inflate it (a zip bomb or a damaged archive). Save the model again"
                + " with torch.jit.save", e.getMessage());
    }

    @Test
    void refusesAPickleDeclaringMoreThanTheMetadataLimit() throws IOException {
        byte[] bytes = Files.readAllBytes(sixFloats(false, "pkl.pt"));
        int header = indexOf(bytes, "a/data.pkl".getBytes(StandardCharsets.US_ASCII), 1) - 46;
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(header + 24, Integer.MAX_VALUE);
        Path file = Files.write(dir.resolve("big.pt"), bytes);
        ConversionException e = assertThrows(ConversionException.class, () -> TorchArchive.open(file).read("data.pkl"));
        assertTrue(e.getMessage().contains("entry a/data.pkl inflates to " + Integer.MAX_VALUE + " bytes, more than the "
                + TorchArchive.MAX_INFLATED_METADATA + " bytes pnnx-j allows"), e.getMessage());
    }

    @Test
    void refusesADeflatedEntryThatInflatesToLessThanItsRecordedSize() throws IOException {
        byte[] bytes = Files.readAllBytes(sixFloats(false, "deflated.pt"));
        // the central directory header of a/data/0: its name follows the 46 fixed bytes
        int header = indexOf(bytes, "a/data/0".getBytes(StandardCharsets.US_ASCII), 1) - 46;
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(header + 24, 28);
        Path file = Files.write(dir.resolve("longer.pt"), bytes);
        ConversionException e = assertThrows(ConversionException.class, () -> TorchArchive.open(file).storage("data/0", Long.MAX_VALUE));
        assertEquals("cannot read entry a/data/0 of " + file + " (its compressed data holds 24 bytes instead of 28): the"
                + " file is truncated or corrupt; save it again", e.getMessage());
    }

    @Test
    void findsTheTopFolderWhateverItsName() {
        Path file = new TestArchive().entry("any_name_at_all/data.pkl", new byte[] {1})
                .entry("any_name_at_all/code/__torch__.py", "").write(dir.resolve("m.pt"));
        assertArrayEquals(new byte[] {1}, TorchArchive.open(file).read("data.pkl"));
    }

    @Test
    void refusesEntriesThatEscapeTheArchive() {
        for (String name : List.of("../evil", "m/../../evil", "/etc/passwd", "C:/evil", "m\\..\\evil")) {
            Path file = new TestArchive().entry("m/data.pkl", new byte[0]).entry("m/code/__torch__.py", "")
                    .entry(name, "x").write(dir.resolve("escape.pt"));
            ConversionException e = assertThrows(ConversionException.class, () -> TorchArchive.open(file), name);
            assertTrue(e.getMessage().contains("has an entry named '" + name + "' that points outside the archive"),
                    e.getMessage());
            assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        }
    }

    @Test
    void refusesATruncatedArchive() throws IOException {
        byte[] whole = Files.readAllBytes(Path.of("testdata/torchscript/tiny_cnn.pt"));
        Path cut = dir.resolve("cut.pt");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        ConversionException e = assertThrows(ConversionException.class, () -> TorchScriptReader.read(cut, List.of()));
        assertTrue(e.getMessage().startsWith(cut + " is not a readable TorchScript archive"), e.getMessage());
        assertTrue(e.getMessage().contains("truncated or corrupt"), e.getMessage());
    }

    @Test
    void refusesAFileThatIsNoZipAtAll() throws IOException {
        Path file = dir.resolve("text.pt");
        Files.writeString(file, "not a zip");
        ConversionException e = assertThrows(ConversionException.class, () -> TorchArchive.open(file));
        assertTrue(e.getMessage().startsWith(file + " is not a readable TorchScript archive"), e.getMessage());
    }

    @Test
    void explainsATorchSaveCheckpoint() {
        Path file = new TestArchive().entry("archive/data.pkl", new byte[0]).entry("archive/data/0", new byte[4])
                .write(dir.resolve("state.pth"));
        ConversionException e = assertThrows(ConversionException.class, () -> TorchArchive.open(file));
        assertTrue(e.getMessage().contains("it is a torch.save checkpoint"), e.getMessage());
    }

    @Test
    void explainsALegacyArchive() {
        Path file = new TestArchive().entry("m/model.json", "{}").write(dir.resolve("old.pt"));
        ConversionException e = assertThrows(ConversionException.class, () -> TorchArchive.open(file));
        assertTrue(e.getMessage().contains("before PyTorch 1.4 (model.json)"), e.getMessage());
    }

    @Test
    void refusesBigEndianStorages() {
        Path file = new TestArchive().entry("m/data.pkl", new byte[0]).entry("m/code/__torch__.py", "")
                .entry("m/byteorder", "big").write(dir.resolve("be.pt"));
        ConversionException e = assertThrows(ConversionException.class, () -> TorchArchive.open(file));
        assertTrue(e.getMessage().contains("stores its tensors big-endian"), e.getMessage());
    }

    private static byte[] floats(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        return indexOf(haystack, needle, 0);
    }

    /** Where {@code needle} occurs in {@code haystack} after skipping its first {@code skip} occurrences. */
    private static int indexOf(byte[] haystack, byte[] needle, int skip) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length) && skip-- == 0) {
                return i;
            }
        }
        throw new AssertionError("bytes not found");
    }
}

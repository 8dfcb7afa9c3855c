package dev.pnnxj.frontend.torchscript;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds small TorchScript-like zip archives for tests; entry names are written as given. */
final class TestArchive {
    private final Map<String, byte[]> entries = new LinkedHashMap<>();

    Map<String, byte[]> entries() {
        return entries;
    }

    TestArchive entry(String name, byte[] data) {
        entries.put(name, data);
        return this;
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
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}

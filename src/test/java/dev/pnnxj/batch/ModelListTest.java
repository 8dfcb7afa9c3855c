package dev.pnnxj.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pnnxj.ConversionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelListTest {
    @TempDir
    Path dir;

    @Test
    void directoryIsSearchedRecursivelyInSortedOrderWithSidecarOptions() throws IOException {
        touch("b/z.onnx");
        touch("a.pt");
        touch("b/a.pth");
        touch("notes.txt");
        touch("b/z.onnx.pnnxj");
        Files.writeString(dir.resolve("b/z.onnx.pnnxj"), "inputshape=[1,3,8,8] fp16=0\n");
        List<BatchJob> jobs = ModelList.read(dir);
        assertEquals(List.of("a.pt", "b/a.pth", "b/z.onnx"), jobs.stream().map(BatchJob::relative).toList());
        assertEquals(List.of("inputshape=[1,3,8,8]", "fp16=0"), jobs.get(2).options());
        assertEquals(List.of(), jobs.get(0).options());
        assertEquals(dir.resolve("b/z.onnx"), jobs.get(2).model());
    }

    @Test
    void listFileSkipsCommentsAndBlankLinesAndResolvesAgainstItsDirectory() throws IOException {
        Files.createDirectories(dir.resolve("lists"));
        Path list = dir.resolve("lists/zoo.txt");
        Files.writeString(list, """
                # the zoo
                ../m/b.onnx inputshape=[1,4]   # trailing comment

                ../m/a.onnx
                """);
        List<BatchJob> jobs = ModelList.read(list);
        assertEquals(List.of("../m/a.onnx", "../m/b.onnx"), jobs.stream().map(BatchJob::relative).toList());
        assertEquals(dir.resolve("m/b.onnx"), jobs.get(1).model());
        assertEquals(List.of("inputshape=[1,4]"), jobs.get(1).options());
    }

    @Test
    void missingSourceIsABadInput() {
        ConversionException e = assertThrows(ConversionException.class, () -> ModelList.read(dir.resolve("none.txt")));
        assertEquals(1, e.exitCode());
    }

    @Test
    void shardsAreDisjointAndCoverEveryModel() {
        List<Integer> all = List.of(0, 1, 2, 3, 4, 5, 6);
        assertEquals(List.of(0, 3, 6), Shard.parse("1/3").select(all));
        assertEquals(List.of(1, 4), Shard.parse("2/3").select(all));
        assertEquals(List.of(2, 5), Shard.parse("3/3").select(all));
        assertEquals(all, Shard.ALL.select(all));
        assertThrows(ConversionException.class, () -> Shard.parse("4/3"));
        assertThrows(ConversionException.class, () -> Shard.parse("0/3"));
        assertThrows(ConversionException.class, () -> Shard.parse("1-3"));
    }

    @Test
    void outputsStayUnderOutWhateverTheRelativePath() {
        Path out = Path.of("out");
        assertEquals(out.resolve("a/b"), BatchRunner.outputDir(out, "a/b/m.onnx"));
        assertEquals(out, BatchRunner.outputDir(out, "m.onnx"));
        assertEquals(out.resolve("m"), BatchRunner.outputDir(out, "../../m/x.onnx"));
        assertEquals(out.resolve("abs/m"), BatchRunner.outputDir(out, "/abs/m/x.onnx"));
    }

    @Test
    void modelOptionsOverrideCommonOnesKeyByKey() {
        assertEquals(List.of("optlevel=0", "fp16=0", "inputshape=[1,2]"),
                BatchRunner.merge(List.of("fp16=1", "optlevel=0"), List.of("fp16=0", "inputshape=[1,2]")));
    }

    private void touch(String rel) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "");
    }

    @Test
    void torchscriptFilesAreModelsToo() throws IOException {
        Files.writeString(dir.resolve("net.torchscript"), "");
        assertEquals(List.of("net.torchscript"), ModelList.read(dir).stream().map(BatchJob::relative).toList());
    }

    @Test
    void noModelsFoundIsAnError() {
        ConversionException e = assertThrows(
                ConversionException.class, () -> ModelList.read(dir));
        assertEquals("no models found in " + dir + " (searched for .onnx, .pt, .pth, .torchscript files): check the path",
                e.getMessage());
    }

    @Test
    void twoModelsWritingTheSameOutputsAreRefusedBeforeConverting() throws IOException {
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/a.onnx"), "");
        Files.writeString(dir.resolve("sub/a.pt"), "");
        ConversionException e = assertThrows(
                ConversionException.class, () -> ModelList.read(dir));
        assertTrue(e.getMessage().startsWith("sub/a.onnx and sub/a.pt would both write sub/a.ncnn.param: rename one"),
                e.getMessage());
        // one with its own output names converts beside the other
        Files.writeString(dir.resolve("sub/a.pt.pnnxj"), "ncnnparam=ap.param ncnnbin=ap.bin ncnnpy=ap.py");
        assertEquals(2, ModelList.read(dir).size());
    }
}

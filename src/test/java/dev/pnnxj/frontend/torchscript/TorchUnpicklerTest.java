package dev.pnnxj.frontend.torchscript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pnnxj.ConversionException;
import dev.pnnxj.ir.DType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchUnpicklerTest {
    @TempDir
    Path dir;

    @Test
    void allowListIsExactlyTheTorchScriptGlobals() {
        assertEquals(List.of("collections.OrderedDict", "torch.BFloat16Storage", "torch.BoolStorage",
                "torch.ByteStorage", "torch.CharStorage", "torch.DoubleStorage", "torch.FloatStorage",
                "torch.HalfStorage", "torch.IntStorage", "torch.LongStorage", "torch.ShortStorage", "torch._utils._rebuild_parameter",
                "torch._utils._rebuild_parameter_with_state", "torch._utils._rebuild_tensor",
                "torch._utils._rebuild_tensor_v2", "torch.device", "torch.jit._pickle.build_boollist",
                "torch.jit._pickle.build_doublelist", "torch.jit._pickle.build_intlist",
                "torch.jit._pickle.build_tensorlist", "torch.jit._pickle.restore_type_tag"),
                TorchUnpickler.allowList());
    }

    @Test
    void refusesOsSystemAndRunsNothing() {
        Path marker = dir.resolve("pwned");
        byte[] pkl = new PickleBytes().global("os", "system").mark().str("touch " + marker).tuple().reduce().stop();
        Path file = new TestArchive().entry("m/data.pkl", pkl).entry("m/code/__torch__.py", "")
                .write(dir.resolve("evil.pt"));
        ConversionException e = assertThrows(ConversionException.class, () -> TorchScriptReader.read(file, List.of()));
        assertTrue(e.getMessage().contains("pickle names global os.system, which pnnx-j will not construct"),
                e.getMessage());
        assertTrue(e.getMessage().startsWith(file + " data.pkl"), e.getMessage());
        assertFalse(Files.exists(marker));
    }

    @Test
    void refusesEveryWayOfNamingAGlobal() {
        byte[][] pickles = {
            new PickleBytes().global("builtins", "eval").stop(),
            new PickleBytes().stackGlobal("posix", "system").stop(),
            new PickleBytes().mark().str("id").inst("subprocess", "call").stop(),
            new PickleBytes().global("torch._utils", "_rebuild_qtensor").stop(),
            new PickleBytes().global("torch", "load").stop(),
        };
        String[] names = {"builtins.eval", "posix.system", "subprocess.call", "torch._utils._rebuild_qtensor",
            "torch.load"};
        for (int i = 0; i < pickles.length; i++) {
            byte[] pkl = pickles[i];
            ConversionException e = assertThrows(ConversionException.class, () -> TorchUnpickler.unpickle(pkl, "x", "data"));
            assertTrue(e.getMessage().contains("pickle names global " + names[i] + ","), e.getMessage());
        }
    }

    @Test
    void buildsModulesAsAttributeHoldersAndTensorsAsStorageViews() {
        byte[] pkl = new PickleBytes().beginObject("__torch__.torch.nn.modules.conv", "Conv2d")
                .str("weight").tensor("HalfStorage", "7", 24, 6, new int[] {2, 3}, new int[] {3, 1})
                .str("training").bool(false)
                .str("sizes").global("torch.jit._pickle", "build_intlist").mark().emptyList().mark().integer(1)
                .integer(2).appends().tuple().reduce()
                .endObject().stop();
        ScriptObject o = (ScriptObject) TorchUnpickler.unpickle(pkl, "x", "data");
        assertEquals("__torch__.torch.nn.modules.conv.Conv2d", o.className());
        StoredTensor w = (StoredTensor) o.attributes().get("weight");
        assertEquals(new StorageRef("data/7", DType.FLOAT16, 24), w.storage());
        assertEquals(6, w.offset());
        assertEquals(List.of(2L, 3L), List.of(w.size()[0], w.size()[1]));
        assertEquals(Boolean.FALSE, o.attributes().get("training"));
        assertEquals(List.of(1, 2), o.attributes().get("sizes"));
    }

    @Test
    void orderedDictIsAMap() {
        byte[] pkl = new PickleBytes().global("collections", "OrderedDict").emptyTuple().reduce()
                .mark().str("a").integer(1).setItems().stop();
        assertEquals(Map.of("a", 1), assertInstanceOf(Map.class, TorchUnpickler.unpickle(pkl, "x", "data")));
    }

    @Test
    void refusesPersistentIdsOtherThanStorages() {
        byte[] pkl = new PickleBytes().mark().str("module").str("x").tuple().persistentId().stop();
        ConversionException e = assertThrows(ConversionException.class, () -> TorchUnpickler.unpickle(pkl, "f", "data"));
        assertTrue(e.getMessage().contains("unknown persistent id [module, x]"), e.getMessage());
    }

    @Test
    void reportsAMalformedPickle() {
        byte[] pkl = {(byte) 0x80, 2, 'X', 100, 0, 0, 0, 'a'};
        ConversionException e = assertThrows(ConversionException.class, () -> TorchUnpickler.unpickle(pkl, "m.pt data.pkl", "data"));
        assertTrue(e.getMessage().startsWith("m.pt data.pkl is not a pickle pnnx-j can read"), e.getMessage());
    }
}

package dev.pnnxj.frontend.torchscript;

import dev.pnnxj.convert.InputShape;
import dev.pnnxj.ir.Graph;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Builds one-module archives around a forward body and reads them, for interpreter and op tests. */
final class Scripts {
    private Scripts() {
    }

    /** code/__torch__.py with class M whose forward(self, x) has {@code body} (lines unindented). */
    static String moduleM(String body) {
        return "class M(Module):\n  training : bool\n  def forward(self: __torch__.M,\n    x: Tensor) -> Tensor:\n"
                + body.stripIndent().lines().map(l -> "    " + l).reduce("", (a, b) -> a + b + "\n");
    }

    /** Reads a module M with no state whose forward has {@code body}; inputshape may be null. */
    static Graph read(Path dir, String body, String inputshape) {
        Path file = TestArchive.module(TestArchive.noState(), moduleM(body)).write(dir.resolve("m.pt"));
        return TorchScriptReader.read(file, shapes(inputshape));
    }

    /** Reads module M whose state holds float tensors {@code name → shape} (values 0, 1, 2 ...). */
    static Graph readWith(Path dir, String body, String inputshape, Map<String, int[]> tensors) {
        PickleBytes state = TestArchive.noState();
        TestArchive archive = new TestArchive();
        for (Map.Entry<String, int[]> t : tensors.entrySet()) {
            int[] size = t.getValue();
            int[] stride = new int[size.length];
            int n = 1;
            for (int i = size.length - 1; i >= 0; i--) {
                stride[i] = n;
                n *= size[i];
            }
            state.str(t.getKey()).tensor("FloatStorage", t.getKey(), n, 0, size, stride);
            ByteBuffer b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++) {
                b.putFloat(i);
            }
            archive.entry("m/data/" + t.getKey(), b.array());
        }
        TestArchive full = TestArchive.module(state, moduleM(body));
        archive.entries().forEach(full::entry);
        return TorchScriptReader.read(full.write(dir.resolve("m.pt")), shapes(inputshape));
    }

    static List<InputShape> shapes(String inputshape) {
        return inputshape == null ? List.of() : InputShape.parseList("inputshape", inputshape);
    }
}

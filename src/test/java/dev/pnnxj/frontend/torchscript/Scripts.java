package dev.pnnxj.frontend.torchscript;

import dev.pnnxj.convert.InputShape;
import dev.pnnxj.ir.Graph;
import java.nio.file.Path;
import java.util.List;

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

    static List<InputShape> shapes(String inputshape) {
        return inputshape == null ? List.of() : InputShape.parseList("inputshape", inputshape);
    }
}

package dev.pnnxj.frontend.torchscript;

import dev.pnnxj.ConversionException;
import dev.pnnxj.frontend.torchscript.PyAst.ClassDef;
import dev.pnnxj.frontend.torchscript.PyAst.FunctionDef;
import dev.pnnxj.frontend.torchscript.PyAst.Module;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The archive's code files, parsed on first use. A qualified name {@code __torch__.a.b.C} lives in
 * {@code code/__torch__/a/b.py}; {@code __torch__.M} in {@code code/__torch__.py}.
 */
final class CodeLibrary {
    private final TorchArchive archive;
    private final Map<String, Module> modules = new HashMap<>();

    CodeLibrary(TorchArchive archive) {
        this.archive = archive;
    }

    ClassDef classDef(String qualified) {
        ClassDef c = module(qualified).classes().get(simpleName(qualified));
        if (c == null) {
            throw missing("class", qualified);
        }
        return c;
    }

    /** The top-level function, or null when the module has none of that name. */
    FunctionDef function(String qualified) {
        return module(qualified).functions().get(simpleName(qualified));
    }

    private Module module(String qualified) {
        int dot = qualified.lastIndexOf('.');
        if (dot <= 0) {
            throw missing("definition", qualified);
        }
        String file = "code/" + qualified.substring(0, dot).replace('.', '/') + ".py";
        return modules.computeIfAbsent(file, f -> {
            if (!archive.has(f)) {
                throw missing("code file " + f + " for", qualified);
            }
            return PyParser.parseModule(new String(archive.read(f), StandardCharsets.UTF_8), f);
        });
    }

    private static String simpleName(String qualified) {
        return qualified.substring(qualified.lastIndexOf('.') + 1);
    }

    private ConversionException missing(String what, String qualified) {
        return new ConversionException(archive.file() + " has no " + what + " " + qualified
                + ": the archive is incomplete; save the model again with torch.jit.save");
    }
}

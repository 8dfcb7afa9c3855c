package dev.pnnxj.frontend.torchscript;

import dev.pnnxj.frontend.torchscript.PyAst.FunctionDef;
import java.util.List;

/**
 * The values the interpreter handles besides IR {@code Value}s (tensors), Python numbers
 * ({@code Long}, {@code Double}, {@code Boolean}), {@code String}s, None ({@code null}), lists
 * ({@code java.util.List}), dicts ({@code java.util.Map}) and {@link ScriptObject}s.
 */
final class PyValues {
    private PyValues() {
    }

    /** A tensor held by a module or constants.pkl, named for the graph ({@code layer1.0.conv1.weight}). */
    record Param(String name, StoredTensor data) {
    }

    /** A Python tuple. */
    record Tuple(List<Object> items) {
    }

    /** A method looked up on an object. */
    record BoundMethod(ScriptObject self, FunctionDef def) {
    }

    /** A top-level function of a code file. */
    record Function(FunctionDef def) {
    }

    /** A dotted name that is not a value yet: {@code torch}, {@code ops.prim}, {@code __torch__.torch.nn}. */
    record Namespace(String path) {
        Namespace child(String name) {
            return new Namespace(path + "." + name);
        }
    }

    /** A value pnnx-j does not produce (max-pool indices, an uninitialized variable); using it fails. */
    record Unusable(String what) {
    }

    /** Python's type name of a value, for messages. */
    static String typeName(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof dev.pnnxj.ir.Value || v instanceof Param) {
            return "Tensor";
        }
        if (v instanceof Long) {
            return "int";
        }
        if (v instanceof Double) {
            return "float";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof String) {
            return "str";
        }
        if (v instanceof List) {
            return "list";
        }
        if (v instanceof Tuple) {
            return "tuple";
        }
        if (v instanceof ScriptObject o) {
            return o.className();
        }
        if (v instanceof Unusable u) {
            return u.what();
        }
        return v.getClass().getSimpleName();
    }
}

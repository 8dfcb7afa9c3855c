package dev.pnnxj.frontend.torchscript;

import java.util.HashMap;
import java.util.Map;

/**
 * An instance of a TorchScript class from data.pkl (a module, usually): its qualified class name
 * and the attributes its pickled state holds. It is a plain attribute holder; nothing runs when
 * it is made. {@link #path()} is where the object sits in the module tree ({@code layer1.0.conv1}),
 * known once it has been reached from the root, and names the weights it holds.
 */
public final class ScriptObject {
    private final String className;
    private final Map<String, Object> attributes = new HashMap<>();
    private String path;

    ScriptObject(String className) {
        this.className = className;
    }

    /** Qualified class name, such as {@code __torch__.torch.nn.modules.conv.Conv2d}. */
    String className() {
        return className;
    }

    Map<String, Object> attributes() {
        return attributes;
    }

    /** Called by the unpickler's BUILD opcode with the pickled state dict. */
    public void __setstate__(HashMap<?, ?> state) {
        for (Map.Entry<?, ?> e : state.entrySet()) {
            attributes.put(String.valueOf(e.getKey()), e.getValue());
        }
    }

    String path() {
        return path;
    }

    /** Sets the path the first time the object is reached (a shared submodule keeps its first). */
    void reachedAs(String p) {
        if (path == null) {
            path = p;
        }
    }

    @Override
    public String toString() {
        return className + (path == null || path.isEmpty() ? "" : " '" + path + "'");
    }
}

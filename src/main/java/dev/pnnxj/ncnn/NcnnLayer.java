package dev.pnnxj.ncnn;

import java.util.ArrayList;
import java.util.List;

/** One line of a .param file plus the weights it reads from the .bin. */
public final class NcnnLayer {
    private final String type;
    private final String name;
    private final String source;
    public final List<String> bottoms = new ArrayList<>();
    public final List<String> tops = new ArrayList<>();
    public final ParamDict params = new ParamDict();
    public final List<Weight> weights = new ArrayList<>();

    /**
     * @param source the IR node this layer comes from (for reports and the manifest), or null for
     *               layers the back end adds (Input, Split, MemoryData)
     */
    public NcnnLayer(String type, String name, String source) {
        this.type = type;
        this.name = name;
        this.source = source;
    }

    public String type() {
        return type;
    }

    public String name() {
        return name;
    }

    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return type + " " + name;
    }
}

package dev.pnnxj.ncnn;

import java.io.IOException;
import java.io.Writer;

/**
 * Writes ncnn's text .param: the magic line, "layer_count blob_count", then one line per layer:
 * {@code type name bottom_count top_count bottoms... tops... params...}.
 */
public final class ParamWriter {
    /** ncnn's .param magic number. */
    public static final int MAGIC = 7767517;

    private ParamWriter() {
    }

    public static void write(NcnnModel model, Writer out) throws IOException {
        out.write(MAGIC + "\n");
        out.write(model.layers.size() + " " + model.blobs().size() + "\n");
        for (NcnnLayer l : model.layers) {
            out.write(line(l));
            out.write('\n');
        }
    }

    public static String toString(NcnnModel model) {
        java.io.StringWriter w = new java.io.StringWriter();
        try {
            write(model, w);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return w.toString();
    }

    static String line(NcnnLayer l) {
        // ncnn pads type and name for readability; readers split on whitespace
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-24s %-24s %d %d", l.type(), l.name(), l.bottoms.size(), l.tops.size()));
        for (String b : l.bottoms) {
            sb.append(' ').append(b);
        }
        for (String t : l.tops) {
            sb.append(' ').append(t);
        }
        String p = l.params.toParamString();
        if (!p.isEmpty()) {
            sb.append(' ').append(p);
        }
        return sb.toString();
    }
}

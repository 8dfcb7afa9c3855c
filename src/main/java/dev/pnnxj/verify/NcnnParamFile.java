package dev.pnnxj.verify;

import dev.pnnxj.ConversionException;

import dev.pnnxj.io.IoMessages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * ncnn's text .param, parsed independently of the converter's writer. Structure errors are
 * reported with {@code source:line:} prefixes: wrong magic, header counts that disagree with the
 * body, a bottom blob no earlier layer produced, a blob produced twice or consumed twice (ncnn needs
 * a Split), a layer type the executor cannot run, and values ncnn's own scanner would misread.
 */
public final class NcnnParamFile {
    public static final int MAGIC = 7767517;

    /** ncnn reads layer types, layer names and blob names with {@code %255s}. */
    static final int MAX_NAME = 255;

    /** One layer line. {@code line} is 1-based. */
    public record LayerDecl(int line, String type, String name, List<String> bottoms, List<String> tops,
                            LayerParams params) {
    }

    private final String source;
    private final List<LayerDecl> layers;

    private NcnnParamFile(String source, List<LayerDecl> layers) {
        this.source = source;
        this.layers = List.copyOf(layers);
    }

    public String source() {
        return source;
    }

    public List<LayerDecl> layers() {
        return layers;
    }

    public static NcnnParamFile read(Path path, Predicate<String> knownType) {
        try {
            return parse(Files.readString(path), path.toString(), knownType);
        } catch (IOException e) {
            throw new ConversionException("cannot read " + path + ": " + IoMessages.reason(e), e);
        }
    }

    public static NcnnParamFile parse(String text, String source, Predicate<String> knownType) {
        String[] lines = text.split("\r?\n", -1);
        int lineNo = 0;
        List<String[]> body = new ArrayList<>();
        List<Integer> bodyLines = new ArrayList<>();
        String[] magicLine = null;
        String[] countLine = null;
        int magicAt = 0;
        int countAt = 0;
        for (String raw : lines) {
            lineNo++;
            String t = raw.trim();
            if (t.isEmpty()) {
                continue;
            }
            String[] tokens = t.split("\\s+");
            if (magicLine == null) {
                magicLine = tokens;
                magicAt = lineNo;
            } else if (countLine == null) {
                countLine = tokens;
                countAt = lineNo;
            } else {
                body.add(tokens);
                bodyLines.add(lineNo);
            }
        }
        if (magicLine == null) {
            throw new ConversionException(source + ": empty .param file");
        }
        if (magicLine.length != 1 || !magicLine[0].equals(String.valueOf(MAGIC))) {
            throw new ConversionException(source + ":" + magicAt + ": wrong magic '" + String.join(" ", magicLine)
                    + "', expected " + MAGIC);
        }
        if (countLine == null || countLine.length != 2) {
            throw new ConversionException(source + ":" + (countLine == null ? magicAt + 1 : countAt)
                    + ": expected 'layer_count blob_count'");
        }
        int layerCount = parseCount(countLine[0], source, countAt, "layer count");
        int blobCount = parseCount(countLine[1], source, countAt, "blob count");
        if (body.size() != layerCount) {
            throw new ConversionException(source + ":" + countAt + ": header declares " + layerCount
                    + " layers but the file has " + body.size() + " layer lines");
        }

        List<LayerDecl> decls = new ArrayList<>();
        Map<String, String> producer = new HashMap<>();
        Map<String, String> consumer = new HashMap<>();
        for (int i = 0; i < body.size(); i++) {
            LayerDecl decl = parseLayer(body.get(i), source, bodyLines.get(i));
            String where = source + ":" + decl.line + ": layer '" + decl.name + "' (" + decl.type + ")";
            if (!knownType.test(decl.type)) {
                throw new ConversionException(where + ": unknown layer type '" + decl.type
                        + "' (no implementation in the reference executor)");
            }
            for (String b : decl.bottoms) {
                if (!producer.containsKey(b)) {
                    throw new ConversionException(where + ": missing blob '" + b
                            + "': no earlier layer produces it");
                }
                String first = consumer.putIfAbsent(b, decl.name);
                if (first != null) {
                    throw new ConversionException(where + ": blob '" + b + "' is already consumed by layer '"
                            + first + "'; ncnn needs a Split layer to feed a blob to several layers");
                }
            }
            for (String t : decl.tops) {
                String first = producer.putIfAbsent(t, decl.name);
                if (first != null) {
                    throw new ConversionException(where + ": blob '" + t + "' is already produced by layer '"
                            + first + "'");
                }
            }
            decls.add(decl);
        }
        if (producer.size() != blobCount) {
            throw new ConversionException(source + ":" + countAt + ": header declares " + blobCount
                    + " blobs but the layers produce " + producer.size());
        }
        return new NcnnParamFile(source, decls);
    }

    private static int parseCount(String s, String source, int line, String what) {
        try {
            int v = Integer.parseInt(s);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConversionException(source + ":" + line + ": invalid " + what + " '" + s + "'");
    }

    private static LayerDecl parseLayer(String[] tok, String source, int line) {
        String at = source + ":" + line + ": ";
        if (tok.length < 4) {
            throw new ConversionException(at + "expected 'type name bottom_count top_count ...'");
        }
        String type = tok[0];
        String name = tok[1];
        int nb = parseSmallCount(tok[2], at + "bottom count");
        int nt = parseSmallCount(tok[3], at + "top count");
        if (tok.length < 4 + nb + nt) {
            throw new ConversionException(at + "layer '" + name + "' declares " + nb + " bottoms and " + nt
                    + " tops but the line has only " + (tok.length - 4) + " names");
        }
        List<String> bottoms = Arrays.asList(tok).subList(4, 4 + nb);
        List<String> tops = Arrays.asList(tok).subList(4 + nb, 4 + nb + nt);
        for (String n : Arrays.asList(tok).subList(0, 4 + nb + nt)) {
            if (n.length() > MAX_NAME) {
                throw new ConversionException(at + "name '" + n.substring(0, 16) + "...' has " + n.length()
                        + " characters; ncnn reads at most " + MAX_NAME + " (it splits a longer one into two tokens)");
            }
        }
        LayerParams params = new LayerParams();
        String[] rest = Arrays.copyOfRange(tok, 4 + nb + nt, tok.length);
        try {
            ParamTokens.parseInto(rest, params);
        } catch (IllegalArgumentException e) {
            throw new ConversionException(at + "layer '" + name + "': " + e.getMessage(), e);
        }
        return new LayerDecl(line, type, name, List.copyOf(bottoms), List.copyOf(tops), params);
    }

    private static int parseSmallCount(String s, String what) {
        try {
            int v = Integer.parseInt(s);
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConversionException(what + " '" + s + "' is not a count");
    }
}

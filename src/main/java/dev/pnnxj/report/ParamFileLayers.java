package dev.pnnxj.report;

import dev.pnnxj.ConversionException;
import dev.pnnxj.ncnn.Manifest;
import dev.pnnxj.verify.NcnnParamFile;
import dev.pnnxj.verify.layers.Layers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The layers of a .param file as a report shows them, with each line's params as written. */
final class ParamFileLayers {
    /** One layer line: its params are the {@code id=value} tokens after the blob names. */
    record Line(String type, String name, List<String> bottoms, List<String> tops, String params) {
    }

    private ParamFileLayers() {
    }

    static List<Line> read(Path param) {
        NcnnParamFile file = NcnnParamFile.read(param, Layers::isKnown);
        List<String> text;
        try {
            text = Files.readAllLines(param);
        } catch (IOException e) {
            throw new ConversionException("cannot read " + param + ": " + e.getMessage(), e);
        }
        List<Line> out = new ArrayList<>();
        for (NcnnParamFile.LayerDecl d : file.layers()) {
            String[] tokens = text.get(d.line() - 1).trim().split("\\s+");
            int first = 4 + d.bottoms().size() + d.tops().size();
            List<String> params = first < tokens.length ? List.of(tokens).subList(first, tokens.length) : List.of();
            out.add(new Line(d.type(), d.name(), d.bottoms(), d.tops(), String.join(" ", params)));
        }
        return out;
    }

    /** The weight manifest pnnx-j writes beside a .bin, or null when there is none. */
    static Manifest manifest(Path bin) {
        Path file = bin.resolveSibling(bin.getFileName() + ".json");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Manifest.read(file);
        } catch (IOException e) {
            throw new ConversionException("cannot read the weight manifest " + file + ": " + e.getMessage(), e);
        }
    }
}

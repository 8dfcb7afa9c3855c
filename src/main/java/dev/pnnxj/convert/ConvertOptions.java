package dev.pnnxj.convert;

import dev.pnnxj.ConversionException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * pnnx's {@code key=value} options for one conversion. Output names default as pnnx names them,
 * next to the model: {@code model.ncnn.param}, {@code model.ncnn.bin}, {@code model_ncnn.py}, plus
 * the weight manifest {@code model.ncnn.bin.json}. {@code memLimit} is 0 and {@code ncnnLayers}
 * empty when not given (no deployment check).
 */
public record ConvertOptions(Path model, List<InputShape> inputShapes, List<InputShape> inputShapes2,
        boolean fp16, int optLevel, Path ncnnParam, Path ncnnBin, Path ncnnPy, long memLimit, Set<String> ncnnLayers,
        Set<String> customLayers, List<String> notes) {

    /** Option keys and what they take, for messages and --help. */
    public static final Map<String, String> KEYS = new TreeMap<>(Map.ofEntries(
            Map.entry("inputshape", "input shapes: [1,3,224,224] or [1,3,224,224],[1,10]i64"),
            Map.entry("inputshape2", "second shapes; dims that differ stay dynamic"),
            Map.entry("fp16", "1 stores weights as fp16 (default), 0 as fp32"),
            Map.entry("optlevel", "0 folds constants only; 1 and 2 (default) also fuse"),
            Map.entry("ncnnparam", "output .param (default <model>.ncnn.param)"),
            Map.entry("ncnnbin", "output .bin (default <model>.ncnn.bin)"),
            Map.entry("ncnnpy", "output pyncnn script (default <model>_ncnn.py)"),
            Map.entry("memlimit", "fail if estimated peak memory exceeds this many bytes (K/M/G suffixes)"),
            Map.entry("layers", "file of ncnn layer types in your build, one per line; fail if one is missing"),
            Map.entry("device", "cpu or gpu as pnnx takes it; ignored, as conversion runs no model"),
            Map.entry("customlayer", "ops to write as ncnn custom layers you implement: OpA,OpB (attributes as params 0,1,..)"),
            Map.entry("customop", "pnnx's Torch extension libraries; ignored, pnnx-j loads none"),
            Map.entry("moduleop", "pnnx's modules kept whole; ignored, pnnx-j reads no Python modules")));

    /** pnnx options pnnx-j takes and ignores, with the note printed when one is given. */
    private static final Map<String, String> IGNORED = Map.of(
            "device", "device= is ignored: conversion runs no model, so the device changes nothing in the output",
            "customop", "customop= is not applicable: pnnx-j reads the TorchScript code and loads no Torch extension"
                    + " library; a custom op is reported as unsupported",
            "moduleop", "moduleop= is not applicable: pnnx-j converts the traced graph and keeps no module whole");

    public Path manifest() {
        return ncnnBin.resolveSibling(ncnnBin.getFileName() + ".json");
    }

    /** The same options with the output files (by their file names) placed in {@code dir}. */
    public ConvertOptions withOutputDir(Path dir) {
        return new ConvertOptions(model, inputShapes, inputShapes2, fp16, optLevel,
                dir.resolve(ncnnParam.getFileName()), dir.resolve(ncnnBin.getFileName()), dir.resolve(ncnnPy.getFileName()),
                memLimit, ncnnLayers, customLayers, notes);
    }

    /** Parses {@code model key=value ...} as given on the command line. */
    public static ConvertOptions parse(Path model, List<String> keyValues) {
        Map<String, String> kv = new TreeMap<>();
        for (String arg : keyValues) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new ConversionException("bad option '" + arg + "': options are key=value; known keys: "
                        + String.join(", ", KEYS.keySet()));
            }
            String key = arg.substring(0, eq);
            if (!KEYS.containsKey(key)) {
                throw new ConversionException("unknown option '" + key + "'; known keys: " + String.join(", ", KEYS.keySet()));
            }
            if (kv.put(key, arg.substring(eq + 1)) != null) {
                throw new ConversionException("option '" + key + "' is given twice");
            }
        }
        String base = baseName(model);
        Path dir = model.toAbsolutePath().getParent();
        List<InputShape> shapes = kv.containsKey("inputshape") ? InputShape.parseList("inputshape", kv.get("inputshape")) : List.of();
        List<InputShape> shapes2 = kv.containsKey("inputshape2") ? InputShape.parseList("inputshape2", kv.get("inputshape2")) : List.of();
        if (!shapes2.isEmpty() && shapes2.size() != shapes.size()) {
            throw new ConversionException("inputshape2= needs as many shapes as inputshape= (" + shapes.size() + ")");
        }
        return new ConvertOptions(model, shapes, shapes2,
                flag(kv, "fp16", true),
                level(kv),
                path(kv, "ncnnparam", dir.resolve(base + ".ncnn.param")),
                path(kv, "ncnnbin", dir.resolve(base + ".ncnn.bin")),
                path(kv, "ncnnpy", dir.resolve(base + "_ncnn.py")),
                kv.containsKey("memlimit") ? DeploymentCheck.parseBytes("memlimit", kv.get("memlimit")) : 0,
                kv.containsKey("layers") ? DeploymentCheck.readLayerList("layers", Path.of(kv.get("layers"))) : Set.of(),
                customLayers(kv.get("customlayer")),
                notes(kv));
    }

    /** customlayer=OpA,OpB: op type names as the graph spells them (ONNX op types, or pnnx-j's IR ops for .pt). */
    private static Set<String> customLayers(String list) {
        if (list == null) {
            return Set.of();
        }
        List<String> ops = List.of(list.split(",", -1));
        if (!ops.stream().allMatch(op -> op.matches("[A-Za-z_][A-Za-z0-9_.]*"))) {
            throw new ConversionException("bad customlayer=" + list + ": give op types separated by commas, such as"
                    + " customlayer=MyOp,OtherOp");
        }
        return Set.copyOf(ops);
    }

    private static List<String> notes(Map<String, String> kv) {
        String device = kv.get("device");
        if (device != null && !device.equals("cpu") && !device.equals("gpu")) {
            throw new ConversionException("bad device=" + device + ": use device=cpu or device=gpu (both give the same output)");
        }
        return IGNORED.entrySet().stream().filter(e -> kv.containsKey(e.getKey())).map(Map.Entry::getValue).sorted()
                .toList();
    }

    /** The model file name without its extension, as pnnx uses it for outputs. */
    public static String baseName(Path model) {
        String name = model.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static boolean flag(Map<String, String> kv, String key, boolean dflt) {
        String v = kv.get(key);
        if (v == null) {
            return dflt;
        }
        return switch (v) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> throw new ConversionException("bad " + key + "=" + v + ": use " + key + "=1 or " + key + "=0");
        };
    }

    private static int level(Map<String, String> kv) {
        String v = kv.getOrDefault("optlevel", "2");
        if (!v.matches("[012]")) {
            throw new ConversionException("bad optlevel=" + v + ": use 0, 1 or 2");
        }
        return Integer.parseInt(v);
    }

    private static Path path(Map<String, String> kv, String key, Path dflt) {
        String v = kv.get(key);
        if (v == null) {
            return dflt;
        }
        if (v.isEmpty()) {
            throw new ConversionException("bad " + key + "=: give a file name");
        }
        return Path.of(v);
    }
}

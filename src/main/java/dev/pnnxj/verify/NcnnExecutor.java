package dev.pnnxj.verify;

import dev.pnnxj.ConversionException;
import dev.pnnxj.io.IoMessages;
import dev.pnnxj.ncnn.layer.Input;
import dev.pnnxj.verify.layers.Layers;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs an ncnn model (.param + .bin) in fp32, one sample at a time (see {@link #runBatched}), with its own parser, weight reader and
 * layer implementations, so that a converter bug in either file shows up as an error or a
 * numeric mismatch. Blobs are named as in the .param; inputs are the tops of Input layers.
 */
public final class NcnnExecutor {
    private final NcnnParamFile file;
    private final List<Layer> layers;
    private final Map<String, Integer> producer = new HashMap<>();

    private NcnnExecutor(NcnnParamFile file, List<Layer> layers) {
        this.file = file;
        this.layers = layers;
        for (int i = 0; i < file.layers().size(); i++) {
            for (String t : file.layers().get(i).tops()) {
                producer.put(t, i);
            }
        }
    }

    public static NcnnExecutor load(Path param, Path bin) {
        NcnnParamFile file = NcnnParamFile.read(param, Layers::isKnown);
        byte[] weights;
        try {
            weights = Files.readAllBytes(bin);
        } catch (IOException e) {
            throw new ConversionException("cannot read " + bin + ": " + IoMessages.reason(e), e);
        }
        return load(file, ByteBuffer.wrap(weights), bin.toString());
    }

    /** Loads from in-memory text and weights; the sources name them in error messages. */
    public static NcnnExecutor load(String paramText, String paramSource, ByteBuffer bin, String binSource) {
        return load(NcnnParamFile.parse(paramText, paramSource, Layers::isKnown), bin, binSource);
    }

    private static NcnnExecutor load(NcnnParamFile file, ByteBuffer bin, String binSource) {
        List<Layer> layers = new ArrayList<>();
        for (NcnnParamFile.LayerDecl d : file.layers()) {
            Layer layer = Layers.create(d.type());
            try {
                layer.loadParams(d.params(), d.bottoms().size(), d.tops().size());
            } catch (IllegalArgumentException e) {
                throw failure(file, d, e);
            }
            layers.add(layer);
        }
        WeightReader reader = new WeightReader(bin, binSource);
        for (int i = 0; i < layers.size(); i++) {
            NcnnParamFile.LayerDecl d = file.layers().get(i);
            reader.beginLayer(d.name(), d.type());
            try {
                layers.get(i).loadWeights(reader);
            } catch (IllegalArgumentException e) {
                throw failure(file, d, e);
            }
        }
        reader.expectEnd();
        return new NcnnExecutor(file, layers);
    }

    /** Tops of the Input layers, in file order. */
    public List<String> inputNames() {
        List<String> names = new ArrayList<>();
        for (NcnnParamFile.LayerDecl d : file.layers()) {
            if (d.type().equals(Input.TYPE)) {
                names.addAll(d.tops());
            }
        }
        return names;
    }

    /**
     * One sample's ncnn dims of an Input blob, outermost first, as its layer declares them (w 0,
     * h 1, d 11, c 2); null when the layer leaves them open or some are dynamic.
     */
    public int[] inputDims(String blob) {
        Integer p = producer.get(blob);
        if (p == null || !file.layers().get(p).type().equals(Input.TYPE)) {
            return null;
        }
        LayerParams params = file.layers().get(p).params();
        int[] whdc = Input.WHDC.stream().mapToInt(d -> params.getInt(d, 0)).toArray();
        int rank = whdc[0] <= 0 ? 0 : whdc[1] <= 0 ? 1 : whdc[3] <= 0 ? 2 : whdc[2] <= 0 ? 3 : 4;
        if (rank == 0) {
            return null;
        }
        int[] dims = new int[rank];
        int[] order = rank == 3 ? new int[] {3, 1, 0} : rank == 4 ? new int[] {3, 2, 1, 0} : rank == 2
                ? new int[] {1, 0} : new int[] {0};
        for (int i = 0; i < rank; i++) {
            dims[i] = whdc[order[i]];
        }
        return dims;
    }

    /** Blobs no layer consumes, in file order: the model's outputs. */
    public List<String> outputNames() {
        Set<String> consumed = new HashSet<>();
        for (NcnnParamFile.LayerDecl d : file.layers()) {
            consumed.addAll(d.bottoms());
        }
        List<String> names = new ArrayList<>();
        for (NcnnParamFile.LayerDecl d : file.layers()) {
            for (String t : d.tops()) {
                if (!consumed.contains(t)) {
                    names.add(t);
                }
            }
        }
        return names;
    }

    /** Computes the named blobs from the given inputs, running only the layers they need. */
    public Map<String, Mat> run(Map<String, Mat> inputs, List<String> outputs) {
        boolean[] needed = new boolean[layers.size()];
        Deque<String> pending = new ArrayDeque<>(outputs);
        while (!pending.isEmpty()) {
            String blob = pending.pop();
            Integer p = producer.get(blob);
            if (p == null) {
                throw new ConversionException(file.source() + ": no layer produces blob '" + blob + "'");
            }
            if (!needed[p]) {
                needed[p] = true;
                pending.addAll(file.layers().get(p).bottoms());
            }
        }
        Map<String, Mat> blobs = execute(inputs, needed);
        Map<String, Mat> result = new LinkedHashMap<>();
        for (String o : outputs) {
            result.put(o, blobs.get(o));
        }
        return result;
    }

    /**
     * Runs batched Mats as ncnn does with {@code NCNN_BATCH}: an input given as several samples is
     * a Mat with {@code n} = that count, and no layer pnnx-j writes runs batches natively, so each
     * layer runs once per sample, reading the whole of any single-sample (unbatched) bottom. That is
     * the network run once per sample; a blob is batched when it depends on a batched input.
     *
     * @param inputs input blob → its samples (one for an unbatched blob); batched inputs agree in count
     * @return output blob → its samples (one when it depends on no batched input)
     */
    public Map<String, List<Mat>> runBatched(Map<String, List<Mat>> inputs, List<String> outputs) {
        int n = 1;
        for (Map.Entry<String, List<Mat>> e : inputs.entrySet()) {
            int k = e.getValue().size();
            if (k != 1 && n != 1 && k != n) {
                throw new ConversionException(file.source() + ": input '" + e.getKey() + "' has batch " + k
                        + " but another input has batch " + n);
            }
            n = Math.max(n, k);
        }
        Set<String> batched = batchedBlobs(inputs);
        Map<String, List<Mat>> result = new LinkedHashMap<>();
        for (String o : outputs) {
            result.put(o, new ArrayList<>());
        }
        for (int b = 0; b < n; b++) {
            Map<String, Mat> sample = new LinkedHashMap<>();
            for (Map.Entry<String, List<Mat>> e : inputs.entrySet()) {
                sample.put(e.getKey(), e.getValue().get(e.getValue().size() == 1 ? 0 : b));
            }
            Map<String, Mat> got = run(sample, outputs);
            for (String o : outputs) {
                if (b == 0 || batched.contains(o)) {
                    result.get(o).add(got.get(o));
                }
            }
        }
        return result;
    }

    /** Blobs that carry a batch: the batched inputs and every top of a layer reading one. */
    private Set<String> batchedBlobs(Map<String, List<Mat>> inputs) {
        Set<String> batched = new HashSet<>();
        for (Map.Entry<String, List<Mat>> e : inputs.entrySet()) {
            if (e.getValue().size() > 1) {
                batched.add(e.getKey());
            }
        }
        for (NcnnParamFile.LayerDecl d : file.layers()) {
            if (d.bottoms().stream().anyMatch(batched::contains)) {
                batched.addAll(d.tops());
            }
        }
        return batched;
    }

    /** Every blob of the model, in the order layers produce them, for blob-by-blob comparison. */
    public Map<String, Mat> runAll(Map<String, Mat> inputs) {
        boolean[] all = new boolean[layers.size()];
        java.util.Arrays.fill(all, true);
        return execute(inputs, all);
    }

    private Map<String, Mat> execute(Map<String, Mat> inputs, boolean[] selected) {
        for (String name : inputs.keySet()) {
            Integer p = producer.get(name);
            if (p == null || !file.layers().get(p).type().equals(Input.TYPE)) {
                throw new ConversionException(file.source() + ": '" + name + "' is not the top of an Input layer");
            }
        }
        Map<String, Mat> blobs = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            if (!selected[i]) {
                continue;
            }
            NcnnParamFile.LayerDecl d = file.layers().get(i);
            if (d.type().equals(Input.TYPE)) {
                for (String t : d.tops()) {
                    Mat given = inputs.get(t);
                    if (given == null) {
                        throw new ConversionException(file.source() + ":" + d.line() + ": input blob '" + t
                                + "' was not given");
                    }
                    blobs.put(t, given);
                }
                continue;
            }
            List<Mat> bottoms = new ArrayList<>();
            for (String b : d.bottoms()) {
                bottoms.add(blobs.get(b));
            }
            List<Mat> tops;
            try {
                tops = layers.get(i).forward(bottoms);
            } catch (RuntimeException e) {
                throw failure(file, d, e);
            }
            if (tops.size() != d.tops().size()) {
                throw failure(file, d, new IllegalStateException("produced " + tops.size() + " blobs for "
                        + d.tops().size() + " tops"));
            }
            for (int t = 0; t < tops.size(); t++) {
                blobs.put(d.tops().get(t), tops.get(t));
            }
        }
        return blobs;
    }

    private static ConversionException failure(NcnnParamFile file, NcnnParamFile.LayerDecl d, Exception e) {
        return new ConversionException(file.source() + ":" + d.line() + ": layer '" + d.name() + "' (" + d.type()
                + "): " + e.getMessage(), e);
    }
}

package dev.pnnxj.ncnn;

import dev.pnnxj.ncnn.layer.Split;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a converted model needs at run time, at the input shape it was converted at: weight bytes,
 * the peak of live blob memory, and the layer types used.
 *
 * <p>The peak walks the layers in order, as ncnn's extractor runs them: a layer's outputs are
 * allocated while its inputs are still alive, and a blob is freed after its last reader (network
 * outputs stay alive to the end). Blobs count 4 bytes per element; a Split's outputs share their
 * input's data, as ncnn's reference-counted Mats do. In-place execution and packing are ignored,
 * so the estimate errs high. Blobs whose shape is unknown count as empty.
 *
 * @param weightBytesFp32 weights at 4 bytes per element (what a default CPU net holds after loading)
 * @param weightBytesFp16 weights as stored with {@code fp16=1} (fp16 where ncnn allows it)
 * @param peakBlobBytes   the largest sum of live blob bytes at any layer
 * @param layerTypes      the distinct ncnn layer types, sorted
 */
public record MemoryEstimate(long weightBytesFp32, long weightBytesFp16, long peakBlobBytes, Set<String> layerTypes) {
    private static final long FLOAT = 4;

    /** Peak blobs plus fp32 weights: the number {@code memlimit=} is checked against. */
    public long peakBytes() {
        return peakBlobBytes + weightBytesFp32;
    }

    public static MemoryEstimate of(NcnnModel model) {
        long fp32 = 0;
        long fp16 = 0;
        Set<String> types = new TreeSet<>();
        for (NcnnLayer l : model.layers) {
            types.add(l.type());
            for (Weight w : l.weights) {
                long n = w.data().numel();
                fp32 += n * FLOAT;
                fp16 += n * (w.flagged() && !w.fp32() ? 2 : FLOAT);
            }
        }
        return new MemoryEstimate(fp32, fp16, peakBlobBytes(model), types);
    }

    private static long peakBlobBytes(NcnnModel model) {
        Map<String, String> storage = new HashMap<>();
        Map<String, Integer> lastUse = new HashMap<>();
        for (int i = 0; i < model.layers.size(); i++) {
            NcnnLayer l = model.layers.get(i);
            for (String b : l.bottoms) {
                lastUse.put(storage.getOrDefault(b, b), i);
            }
            for (String t : l.tops) {
                storage.put(t, Split.TYPE.equals(l.type()) ? storage.getOrDefault(l.bottoms.get(0), l.bottoms.get(0)) : t);
            }
        }
        for (String out : model.outputs.keySet()) {
            lastUse.put(storage.getOrDefault(out, out), Integer.MAX_VALUE);
        }
        Map<String, Long> live = new LinkedHashMap<>();
        long liveBytes = 0;
        long peak = 0;
        for (int i = 0; i < model.layers.size(); i++) {
            NcnnLayer l = model.layers.get(i);
            for (String t : l.tops) {
                String s = storage.get(t);
                if (!live.containsKey(s)) {
                    long bytes = bytes(model.blobShapes.get(s));
                    live.put(s, bytes);
                    liveBytes += bytes;
                }
            }
            peak = Math.max(peak, liveBytes);
            final int layer = i;
            for (var it = live.entrySet().iterator(); it.hasNext(); ) {
                var e = it.next();
                if (lastUse.getOrDefault(e.getKey(), layer) <= layer) {
                    liveBytes -= e.getValue();
                    it.remove();
                }
            }
        }
        return peak;
    }

    private static long bytes(int[] dims) {
        if (dims == null) {
            return 0;
        }
        long n = FLOAT;
        for (int d : dims) {
            n *= Math.max(d, 0);
        }
        return n;
    }
}

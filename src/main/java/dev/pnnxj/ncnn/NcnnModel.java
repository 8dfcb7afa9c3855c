package dev.pnnxj.ncnn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** An ncnn network: layers in execution order, and what its blobs mean to the source model. */
public final class NcnnModel {
    public final List<NcnnLayer> layers = new ArrayList<>();
    /** Input blob name → source graph input name, in input order. */
    public final Map<String, String> inputs = new LinkedHashMap<>();
    /** Output blob name → source graph output name, in output order. */
    public final Map<String, String> outputs = new LinkedHashMap<>();
    /** Blob name → the source tensor it holds (for compare --blobs and the manifest). */
    public final Map<String, String> blobSources = new LinkedHashMap<>();
    /** Blob name → ncnn shape, outermost first (c,d,h,w order, batch dropped); -1 for a dynamic dim. */
    public final Map<String, int[]> blobShapes = new LinkedHashMap<>();
    /**
     * Input and output blob → the batch count ncnn's {@code Mat::n} carries for it, for every blob
     * whose tensor has a batch axis ncnn drops: the tensor is that many samples of its
     * {@link #blobShapes} shape (pyncnn's {@code batch_index=0}). A blob absent here has no batch
     * axis: the tensor is the blob (pyncnn's 233).
     */
    public final Map<String, Integer> batches = new LinkedHashMap<>();
    /**
     * Custom layer type (an op named in {@code customlayer=}) → its attributes' names in param id
     * order, for whoever implements the layer.
     */
    public final Map<String, List<String>> customLayers = new LinkedHashMap<>();
    /** Input blobs holding integers (Embed's indices), which ncnn takes as int32 Mats. */
    public final Set<String> integerInputs = new LinkedHashSet<>();
    /** Input blob → the concrete shape it was converted at, where blobShapes has dynamic dims. */
    public final Map<String, int[]> exampleInputShapes = new LinkedHashMap<>();

    /** How many layers of each type, by type name. */
    public Map<String, Integer> layerHistogram() {
        Map<String, Integer> hist = new TreeMap<>();
        for (NcnnLayer l : layers) {
            hist.merge(l.type(), 1, Integer::sum);
        }
        return hist;
    }

    /** Every distinct blob, in first-appearance order. */
    public Set<String> blobs() {
        Set<String> blobs = new LinkedHashSet<>();
        for (NcnnLayer l : layers) {
            blobs.addAll(l.bottoms);
            blobs.addAll(l.tops);
        }
        return blobs;
    }
}

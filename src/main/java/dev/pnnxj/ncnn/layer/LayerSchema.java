package dev.pnnxj.ncnn.layer;

import java.util.List;

/** What one ncnn layer type reads: its params and, in load order, its weights. */
public record LayerSchema(String type, List<Param> params, List<WeightSlot> weights) {
    public LayerSchema {
        params = List.copyOf(params);
        weights = List.copyOf(weights);
    }
}

package dev.pnnxj.verify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds .param text from layer lines (counts filled in) and runs single layers in tests. */
final class Models {
    private Models() {
    }

    /** The .param text for these layer lines, with the magic and the layer and blob counts. */
    static String param(String... lines) {
        Set<String> blobs = new LinkedHashSet<>();
        for (String l : lines) {
            String[] t = l.trim().split("\\s+");
            int nb = Integer.parseInt(t[2]);
            int nt = Integer.parseInt(t[3]);
            for (int i = 0; i < nt; i++) {
                blobs.add(t[4 + nb + i]);
            }
        }
        return "7767517\n" + lines.length + " " + blobs.size() + "\n" + String.join("\n", lines) + "\n";
    }

    static NcnnExecutor load(Bin bin, String... lines) {
        return NcnnExecutor.load(param(lines), "test.param", bin.buffer(), "test.bin");
    }

    /**
     * Runs one layer of {@code type} with {@code params} on inputs in0, in1, ...; returns its
     * {@code tops} outputs out0, out1, ...
     */
    static List<Mat> runLayer(String type, String params, Bin weights, int tops, Mat... inputs) {
        List<String> lines = new ArrayList<>();
        Map<String, Mat> feed = new HashMap<>();
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < inputs.length; i++) {
            lines.add("Input in" + i + " 0 1 in" + i);
            feed.put("in" + i, inputs[i]);
            names.append(" in").append(i);
        }
        List<String> outs = new ArrayList<>();
        for (int i = 0; i < tops; i++) {
            names.append(" out").append(i);
            outs.add("out" + i);
        }
        lines.add(type + " layer " + inputs.length + " " + tops + names + " " + params);
        NcnnExecutor ex = load(weights, lines.toArray(new String[0]));
        return new ArrayList<>(ex.run(feed, outs).values());
    }

    static Mat run1(String type, String params, Bin weights, Mat... inputs) {
        return runLayer(type, params, weights, 1, inputs).get(0);
    }

    static Mat run1(String type, String params, Mat... inputs) {
        return run1(type, params, new Bin(), inputs);
    }

    static Mat mat(int[] shape, float... values) {
        return Mat.of(shape, values);
    }

    static int[] shape(int... s) {
        return s;
    }

    /** 0, 1, 2, ... scaled by {@code step} and shifted by {@code from}. */
    static float[] ramp(int n, float from, float step) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = from + step * i;
        }
        return f;
    }

    /** Deterministic pseudo-random values in [-1, 1). */
    static float[] random(int n, long seed) {
        java.util.Random r = new java.util.Random(seed);
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = r.nextFloat() * 2f - 1f;
        }
        return f;
    }
}

package dev.pnnxj.batch;

import dev.pnnxj.ConversionException;
import java.util.ArrayList;
import java.util.List;

/**
 * Shard {@code index} of {@code count} (1-based, as CI matrices number jobs): takes every
 * count-th model of the sorted list starting at index-1, so the shards are disjoint, cover every
 * model, and differ in size by at most one.
 */
public record Shard(int index, int count) {
    /** Every model in one shard. */
    public static final Shard ALL = new Shard(1, 1);

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new ConversionException("bad shard " + index + "/" + count + ": use i/n with 1 <= i <= n");
        }
    }

    /** Parses {@code i/n}. */
    public static Shard parse(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length != 2 || !parts[0].matches("\\d+") || !parts[1].matches("\\d+")) {
            throw new ConversionException("bad --shard " + text + ": use i/n, e.g. 2/4");
        }
        return new Shard(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
    }

    public <T> List<T> select(List<T> sorted) {
        List<T> mine = new ArrayList<>();
        for (int i = index - 1; i < sorted.size(); i += count) {
            mine.add(sorted.get(i));
        }
        return mine;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}

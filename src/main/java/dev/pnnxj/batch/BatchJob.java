package dev.pnnxj.batch;

import java.nio.file.Path;
import java.util.List;

/**
 * One model of a batch.
 *
 * @param model    the model file
 * @param relative its path relative to the batch root, with '/' separators: the name in reports
 *                 and the place of its outputs under {@code --out}
 * @param options  its own {@code key=value} options (sidecar file or list line)
 */
public record BatchJob(Path model, String relative, List<String> options) {
}

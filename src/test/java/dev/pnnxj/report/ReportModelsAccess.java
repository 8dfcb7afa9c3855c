package dev.pnnxj.report;

import java.nio.file.Path;

/** Lets tests of other packages build {@link ReportModels}' models. */
public final class ReportModelsAccess {
    private ReportModelsAccess() {
    }

    /** {@link ReportModels#unsupported}: written as {@code model.onnx} in {@code dir}. */
    public static Path unsupported(Path dir) {
        return ReportModels.unsupported(dir);
    }
}

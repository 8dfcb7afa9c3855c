package dev.pnnxj.verify;

import dev.pnnxj.util.Npy;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a conversion is judged against: something that produces the reference outputs for given
 * inputs. Inputs and outputs pair with the ncnn model's by position (in0 with the first input,
 * out0 with the first output). Implementations: {@link OnnxRuntimeReference} (an ONNX model run
 * in onnxruntime) and {@link SavedOutputs} (arrays saved beforehand).
 */
public interface Reference extends AutoCloseable {

    /** One input the reference takes; dims below 1 in {@code shape} are dynamic. */
    record Input(String name, long[] shape, Npy.DType dtype) {
    }

    /**
     * Its inputs in order, or empty when it cannot say what it takes (saved outputs: the inputs
     * they were computed from must be given).
     */
    Optional<List<Input>> inputs();

    /** Its output names, in order. */
    List<String> outputs();

    /**
     * Its values for {@code inputs} (in the order of {@link #inputs()}) as float32 arrays, by
     * name: every output, and any intermediate tensor it was asked to fetch.
     */
    Map<String, Npy> run(List<Npy> inputs);

    /** What to call it in messages, e.g. {@code the ONNX model m.onnx}. */
    String describe();

    @Override
    void close();
}

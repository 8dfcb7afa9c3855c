package dev.pnnxj.verify;

import dev.pnnxj.ConversionException;
import dev.pnnxj.convert.InputShape;
import dev.pnnxj.io.IoMessages;
import dev.pnnxj.ir.DType;
import dev.pnnxj.util.Npy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The values fed to both sides of a comparison, input by input in position: the reference's i-th
 * input and the ncnn model's i-th Input blob get the same array. An input's shape is the one the
 * model was converted at ({@code inputshape=}), else the reference's static shape, else (saved
 * outputs) the given file's; its values come from {@code --input} or are seeded normal random.
 */
record ComparisonInputs(List<Npy> reference, Map<String, List<Mat>> ncnn) {

    /**
     * @param blobs   the ncnn Input blobs in order
     * @param tensors ncnn Input blob → source model tensor (from the manifest; may be empty),
     *                so {@code --input} may name either
     */
    static ComparisonInputs of(Reference ref, NcnnExecutor ncnn, List<String> blobs, Map<String, String> tensors,
            List<InputShape> shapes, Map<String, Path> given, long seed) {
        List<Reference.Input> declared = ref.inputs().orElse(null);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < blobs.size(); i++) {
            names.add(declared != null && i < declared.size() ? declared.get(i).name() : blobs.get(i));
        }
        if (declared != null && declared.size() != blobs.size()) {
            throw new ConversionException(ref.describe() + " has " + declared.size() + " input(s) ("
                    + String.join(", ", declared.stream().map(Reference.Input::name).toList())
                    + ") but the ncnn model has " + blobs.size() + " (" + String.join(", ", blobs) + ")");
        }
        if (!shapes.isEmpty() && shapes.size() != blobs.size()) {
            throw new ConversionException("inputshape= gives " + shapes.size() + " shape(s) but the model has "
                    + blobs.size() + " input(s): " + String.join(", ", names));
        }
        for (String g : given.keySet()) {
            if (!names.contains(g) && !blobs.contains(g) && !tensors.containsValue(g)) {
                throw new ConversionException("--input " + g + ": the model has no input of that name (inputs: "
                        + String.join(", ", names) + ")");
            }
        }
        Random random = new Random(seed);
        List<Npy> refValues = new ArrayList<>();
        Map<String, List<Mat>> ncnnValues = new LinkedHashMap<>();
        for (int i = 0; i < blobs.size(); i++) {
            String name = names.get(i);
            String blob = blobs.get(i);
            Path file = firstGiven(given, name, blob, tensors.get(blob));
            Reference.Input port = declared != null ? declared.get(i) : null;
            if (port == null && file == null) {
                throw new ConversionException("saved outputs (--expect) hold for the inputs they were computed"
                        + " from only: give input '" + blob + "' with --input " + blob + "=FILE.npy");
            }
            Npy value;
            if (file != null) {
                Npy npy = read(name, file);
                long[] shape = shapes.isEmpty() && port == null ? npy.shape() : shape(ref, port, shapes, i, name);
                value = checked(name, file, npy, shape, dtype(port, shapes, i, name, npy.dtype()));
            } else {
                value = random(name, shape(ref, port, shapes, i, name), port.dtype(), random);
            }
            refValues.add(value);
            ncnnValues.put(blob, samples(blob, value, ncnn.inputDims(blob)));
        }
        return new ComparisonInputs(refValues, ncnnValues);
    }

    private static Path firstGiven(Map<String, Path> given, String... keys) {
        for (String k : keys) {
            if (k != null && given.containsKey(k)) {
                return given.get(k);
            }
        }
        return null;
    }

    /** The converted-at shape, which a reference input with static dims must agree with. */
    private static long[] shape(Reference ref, Reference.Input port, List<InputShape> shapes, int i, String name) {
        if (shapes.isEmpty()) {
            for (long d : port.shape()) {
                if (d <= 0) {
                    throw new ConversionException("input '" + name + "' has dynamic shape "
                            + Arrays.toString(port.shape()) + ": give the shape it was converted at with"
                            + " inputshape=[...]");
                }
            }
            return port.shape();
        }
        long[] shape = Arrays.stream(shapes.get(i).shape().dims()).asLongStream().toArray();
        if (port != null && !fits(shape, port.shape())) {
            throw new ConversionException("input " + i + ": the model is converted at " + Arrays.toString(shape)
                    + " (inputshape=) but " + ref.describe() + " takes '" + name + "' as "
                    + Arrays.toString(port.shape()));
        }
        return shape;
    }

    private static boolean fits(long[] shape, long[] declared) {
        if (shape.length != declared.length) {
            return false;
        }
        for (int k = 0; k < shape.length; k++) {
            if (declared[k] > 0 && declared[k] != shape[k]) {
                return false;
            }
        }
        return true;
    }

    /** The reference's element type, else the one inputshape= gives, else the file's. */
    private static Npy.DType dtype(Reference.Input port, List<InputShape> shapes, int i, String name,
            Npy.DType file) {
        if (port != null) {
            return port.dtype();
        }
        if (!shapes.isEmpty()) {
            DType t = shapes.get(i).dtype();
            if (t == DType.FLOAT32) {
                return Npy.DType.FLOAT32;
            }
            if (t == DType.INT64) {
                return Npy.DType.INT64;
            }
            throw new ConversionException("input '" + name + "' is " + t + " (inputshape=); compare feeds"
                    + " float32 and int64 inputs only");
        }
        return file;
    }

    private static Npy read(String name, Path file) {
        try {
            return Npy.read(file);
        } catch (IOException e) {
            throw new ConversionException("--input " + name + "=" + file + ": " + IoMessages.reason(e), e);
        }
    }

    private static Npy checked(String name, Path file, Npy npy, long[] shape, Npy.DType want) {
        if (npy.dtype() != want) {
            throw new ConversionException("--input " + name + "=" + file + ": dtype " + npy.dtype().descr
                    + " but the model's input '" + name + "' is " + want.descr);
        }
        if (!Arrays.equals(npy.shape(), shape)) {
            throw new ConversionException("--input " + name + "=" + file + ": shape " + Arrays.toString(npy.shape())
                    + " but the model's input '" + name + "' is converted at " + Arrays.toString(shape));
        }
        if (want != Npy.DType.FLOAT32 && want != Npy.DType.INT64) {
            throw new ConversionException("--input " + name + "=" + file + ": dtype " + npy.dtype().descr
                    + "; compare feeds float32 and int64 inputs only");
        }
        return npy;
    }

    private static Npy random(String name, long[] shape, Npy.DType type, Random random) {
        if (type != Npy.DType.FLOAT32) {
            throw new ConversionException("input '" + name + "' is int64: give its values with --input " + name
                    + "=file.npy");
        }
        float[] data = new float[Math.toIntExact(Arrays.stream(shape).reduce(1, (a, b) -> a * b))];
        for (int k = 0; k < data.length; k++) {
            data[k] = (float) random.nextGaussian();
        }
        return Npy.ofFloat32(shape, data);
    }

    /**
     * The input as ncnn Mats: samples of the Input layer's dims (several when axis 0 is a batch
     * ncnn carries as Mat::n), or the whole tensor as one blob. Where the layer leaves its dims open
     * (a dynamic input), a leading batch of 1 is dropped.
     */
    private static List<Mat> samples(String blob, Npy value, int[] dims) {
        long[] shape = value.shape();
        if (dims == null) {
            int from = shape.length > 1 && shape[0] == 1 ? 1 : 0;
            int[] d = shape.length == 0 ? new int[] {1}
                    : Arrays.stream(shape, from, shape.length).mapToInt(Math::toIntExact).toArray();
            return List.of(Mat.of(d, BatchedBlobs.words(value)));
        }
        long per = Arrays.stream(dims).asLongStream().reduce(1, (a, b) -> a * b);
        long n = value.count() / per;
        if (n * per != value.count() || n > 1 && (shape.length == 0 || shape[0] != n)) {
            throw new ConversionException("input '" + blob + "' " + Arrays.toString(shape) + " is neither one ncnn blob "
                    + Arrays.toString(dims) + " nor a batch of them along axis 0");
        }
        return BatchedBlobs.split(BatchedBlobs.words(value), dims, (int) n);
    }
}

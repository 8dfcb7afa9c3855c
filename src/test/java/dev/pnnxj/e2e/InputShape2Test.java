package dev.pnnxj.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pnnxj.convert.ConvertOptions;
import dev.pnnxj.convert.Converter;
import dev.pnnxj.util.Npy;
import dev.pnnxj.verify.Mat;
import dev.pnnxj.verify.Metrics;
import dev.pnnxj.verify.NcnnExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code inputshape2=}: converted at 32x32 and 48x48, the fully convolutional dyn_fcn keeps its
 * spatial dims dynamic and matches PyTorch at a third size, 64x64.
 */
class InputShape2Test {
    private static final Path MODELS = Path.of("testdata/models");

    @TempDir
    Path out;

    @Test
    void fullyConvolutionalNetRunsAtAThirdSize() throws Exception {
        Converter.Result r = convert("dyn_fcn", "inputshape=[1,3,32,32]", "inputshape2=[1,3,48,48]");
        String param = Files.readString(r.options().ncnnParam());
        assertTrue(param.contains("\nInput                    input_0                  0 1 in0\n"), param);
        assertTrue(param.contains(" 0=1 1=2.0e+00 2=2.0e+00\n"), param);   // nearest Interp by scale
        assertTrue(param.contains(" 0=2 1=2.0e+00 2=2.0e+00\n"), param);   // bilinear Interp by scale
        assertArrayEquals(new int[] {4, -1, -1}, r.model().blobShapes.get("out0"));
        // the pyncnn script feeds an input of the first size
        assertTrue(Files.readString(r.options().ncnnPy()).contains("in0 = rng.random((1, 3, 32, 32), dtype=np.float32)"));

        NcnnExecutor ex = NcnnExecutor.load(r.options().ncnnParam(), r.options().ncnnBin());
        Npy in = Npy.read(MODELS.resolve("dyn_fcn.input_64x64.npy"));
        Npy expected = Npy.read(MODELS.resolve("dyn_fcn.expected_64x64.npy"));
        Mat x = Mat.of(ncnnShape(in.shape()), in.toFloats());
        Mat y = ex.run(Map.of("in0", x), List.of("out0")).get("out0");
        assertArrayEquals(ncnnShape(expected.shape()), y.shape());
        Metrics m = Metrics.of(y.data(), expected.toFloats());
        assertTrue(m.within(0.9999, 1e-3), m.toString());
    }

    @Test
    void classifierHeadsStayStaticAndDetectHeadsReshapeByInputDims() throws Exception {
        // dyn_resnet's classifier pools to 16x1x1 at every size: only the Input changes
        Converter.Result r = convert("dyn_resnet", "inputshape=[1,3,32,32]", "inputshape2=[1,3,64,64]");
        assertArrayEquals(new int[] {10}, r.model().blobShapes.get("out0"));
        // dyn_yolo's detect head: view to [3,7,ny,nx] copies ny, nx from its input (0), flattening takes -1
        Converter.Result y = convert("dyn_yolo", "inputshape=[1,3,64,64]", "inputshape2=[1,3,96,96]");
        String param = Files.readString(y.options().ncnnParam());
        assertTrue(param.contains(" 0=0 1=0 2=3 11=7\n"), param);
        assertTrue(param.contains(" 0=7 1=-1\n"), param);
        assertArrayEquals(new int[] {-1, 7}, y.model().blobShapes.get("out0"));
    }

    private Converter.Result convert(String name, String... shapes) {
        Path base = out.resolve(name);
        List<String> kv = new java.util.ArrayList<>(List.of(shapes));
        kv.addAll(List.of("fp16=0", "ncnnparam=" + base + ".param", "ncnnbin=" + base + ".bin", "ncnnpy=" + base + ".py"));
        return Converter.convert(ConvertOptions.parse(MODELS.resolve(name + ".onnx"), kv));
    }

    /** The npy shape without its batch of 1, as ncnn holds it. */
    private static int[] ncnnShape(long[] npyShape) {
        return Arrays.stream(npyShape).skip(1).mapToInt(d -> (int) d).toArray();
    }
}

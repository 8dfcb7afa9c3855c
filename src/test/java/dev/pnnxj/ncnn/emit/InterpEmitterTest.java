package dev.pnnxj.ncnn.emit;

import static dev.pnnxj.ncnn.emit.TinyGraph.s;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.LowerToNcnn;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterpEmitterTest {
    @Test
    void nearestAsymmetricFloorUpscaleWritesTheOutputSize() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 3, 4, 5);
        Node n = t.op("Resize", List.of(x, roi(t), t.floats("scales", Shape.of(4), 1, 1, 2, 2)), s(1, 3, 8, 10));
        n.set("mode", "nearest").set("coordinate_transformation_mode", "asymmetric").set("nearest_mode", "floor");
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=5 1=4 2=3
                Interp                   interp_0                 1 1 in0 out0 0=1 3=8 4=10
                """, t.param());
    }

    @Test
    void nearestWithAScaleThatIsNotOutOverInKeepsTheScale() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 3, 7, 7);
        Node n = t.op("Resize", List.of(x, roi(t), t.floats("scales", Shape.of(4), 1, 1, 0.5f, 0.5f)),
                s(1, 3, 3, 3));
        n.set("mode", "nearest").set("coordinate_transformation_mode", "asymmetric").set("nearest_mode", "floor");
        assertEquals("0=1 1=5.0e-01 2=5.0e-01", params(t));
    }

    @Test
    void nearestHalfPixelRoundingEqualsFloorForWholeUpscales() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 3, 4, 5);
        t.op("Resize", List.of(x, roi(t), t.floats("scales", Shape.of(0)), t.longs("sizes", 1, 3, 8, 15)),
                s(1, 3, 8, 15)).set("mode", "nearest");
        assertEquals("0=1 3=8 4=15", params(t));
    }

    @Test
    void nearestHalfPixelDownscaleIsRefused() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 3, 8, 8);
        t.op("Resize", List.of(x, roi(t), t.floats("scales", Shape.of(4), 1, 1, 0.5f, 0.5f)), s(1, 3, 4, 4))
                .set("mode", "nearest");
        assertEquals("nearest with half_pixel / round_prefer_floor picks other pixels than ncnn's floor(x * in / out)",
                t.refusal());
    }

    @Test
    void linearHalfPixelAndPytorchHalfPixel() {
        assertEquals("0=2 3=8 4=10", linear("half_pixel", 2, 2));
        assertEquals("0=2 3=8 4=10", linear("pytorch_half_pixel", 2, 2));
    }

    @Test
    void linearAlignCornersFromSizes() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 3, 4, 5);
        t.op("Resize", List.of(x, roi(t), t.floats("scales", Shape.of(0)), t.longs("sizes", 1, 3, 7, 9)),
                s(1, 3, 7, 9)).set("mode", "linear").set("coordinate_transformation_mode", "align_corners");
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=5 1=4 2=3
                Interp                   interp_0                 1 1 in0 out0 0=2 3=7 4=9 6=1
                """, t.param());
    }

    @Test
    void cubicHalfPixel() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 3, 4, 5);
        t.op("Resize", List.of(x, roi(t), t.floats("scales", Shape.of(4), 1, 1, 2, 3)), s(1, 3, 8, 15))
                .set("mode", "cubic");
        assertEquals("0=3 3=8 4=15", params(t));
    }

    @Test
    void widthOnlyResizeOfATwoDimensionalBlob() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 3, 5);
        t.op("Resize", List.of(x, roi(t), t.floats("scales", Shape.of(3), 1, 1, 2)), s(1, 3, 10))
                .set("mode", "linear");
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=5 1=3
                Interp                   interp_0                 1 1 in0 out0 0=2 3=1 4=10
                """, t.param());
    }

    @Test
    void refusals() {
        assertEquals("linear with asymmetric differs from ncnn's half-pixel or align_corner sampling",
                refusalOfLinear("asymmetric", 7, 1.5f, 10));
        assertEquals("linear with half_pixel and scale != out/in differs from ncnn's half-pixel or align_corner"
                + " sampling", refusalOfLinear("half_pixel", 7, 1.5f, 10));

        assertEquals("pytorch_half_pixel samples x=0 for a size-1 result, ncnn the centre",
                refusalOfLinearToSize("pytorch_half_pixel", 0, 1));
        assertEquals("align_corners resize to size 1 divides by zero in ncnn",
                refusalOfLinearToSize("align_corners", 0, 1));
        assertEquals("antialiased resize has no ncnn counterpart", refusalOfLinearToSize("half_pixel", 1, 2));

        TinyGraph cubic = new TinyGraph();
        cubic.op("Resize", List.of(cubic.input("x", 1, 3, 4, 5), roi(cubic),
                cubic.floats("scales", Shape.of(4), 1, 1, 2, 2)), s(1, 3, 8, 10))
                .set("mode", "cubic").set("cubic_coeff_a", -0.5f);
        assertEquals("ncnn bicubic uses cubic_coeff_a=-0.75 without exclude_outside", cubic.refusal());

        TinyGraph channels = new TinyGraph();
        channels.op("Resize", List.of(channels.input("x", 1, 3, 4, 5), roi(channels),
                channels.floats("scales", Shape.of(4), 1, 2, 1, 1)), s(1, 6, 4, 5)).set("mode", "linear");
        assertEquals("resizes the channel axis; ncnn Interp only resizes spatial axes", channels.refusal());

        TinyGraph volume = new TinyGraph();
        volume.op("Resize", List.of(volume.input("x", 1, 3, 4, 5, 6), roi(volume),
                volume.floats("scales", Shape.of(5), 1, 1, 2, 2, 2)), s(1, 3, 8, 10, 12)).set("mode", "linear");
        assertEquals("ncnn Interp resizes the last one or two axes of a 2-D or 3-D blob", volume.refusal());
    }

    private static Value roi(TinyGraph t) {
        return t.floats("roi", Shape.of(0));
    }

    private static String params(TinyGraph t) {
        return LowerToNcnn.lower(t.g).layers.get(1).params.toParamString();
    }

    private static String linear(String ctm, float hs, float ws) {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 3, 4, 5);
        t.op("Resize", List.of(x, roi(t), t.floats("scales", Shape.of(4), 1, 1, hs, ws)),
                s(1, 3, (int) (4 * hs), (int) (5 * ws)))
                .set("mode", "linear").set("coordinate_transformation_mode", ctm);
        return params(t);
    }

    private static String refusalOfLinear(String ctm, int in, float scale, int out) {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 3, in, in);
        t.op("Resize", List.of(x, roi(t), t.floats("scales", Shape.of(4), 1, 1, scale, scale)), s(1, 3, out, out))
                .set("mode", "linear").set("coordinate_transformation_mode", ctm);
        return t.refusal();
    }

    private static String refusalOfLinearToSize(String ctm, int antialias, int size) {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 3, 4, 4);
        t.op("Resize", List.of(x, roi(t), t.floats("scales", Shape.of(0)), t.longs("sizes", 1, 3, size, size)),
                s(1, 3, size, size)).set("mode", "linear").set("coordinate_transformation_mode", ctm)
                .set("antialias", antialias);
        return t.refusal();
    }
}

package dev.pnnxj.ncnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pnnxj.ConversionException;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import org.junit.jupiter.api.Test;

class DynamicShapeMergeTest {
    /** in0 [C,H,W] -> Reshape -> Crop -> Interp -> out0, with the given layer params per size. */
    private static NcnnModel net(int h, int w, int[] reshape, int[] cropEnds, int interpH, int interpW) {
        NcnnModel m = new NcnnModel();
        NcnnLayer in = layer(m, "Input", "input_0", null, "in0");
        LowerToNcnn.putShape(in, NcnnAxes.whdc(new int[] {4, h, w}), 3);
        m.blobShapes.put("in0", new int[] {4, h, w});
        NcnnLayer r = layer(m, "Reshape", "reshape_0", "in0", "1");
        LowerToNcnn.putShape(r, NcnnAxes.whdc(reshape), reshape.length);
        m.blobShapes.put("1", reshape);
        NcnnLayer c = layer(m, "Crop", "crop_0", "1", "2");
        c.params.put(9, new int[] {1, 0}).put(10, cropEnds).put(11, new int[] {0, 3});
        int[] cropped = {reshape[0] - 1, reshape[1], reshape[2], cropEnds[1]};
        m.blobShapes.put("2", cropped);
        NcnnLayer i = layer(m, "Interp", "interp_0", "2", "out0");
        i.params.put(0, 1).put(3, interpH).put(4, interpW);
        m.blobShapes.put("out0", new int[] {cropped[0], cropped[1], interpH, interpW});
        return m;
    }

    private static NcnnLayer layer(NcnnModel m, String type, String name, String bottom, String top) {
        NcnnLayer l = new NcnnLayer(type, name, null);
        if (bottom != null) {
            l.bottoms.add(bottom);
        }
        l.tops.add(top);
        m.layers.add(l);
        return l;
    }

    @Test
    void differingParamsTakeTheirDynamicForms() {
        // [4,H,W] viewed as [4,2,H/2,W] (d = H/2 differs, w = W is the input's w), crop to W-1, resize x2
        NcnnModel a = net(8, 6, new int[] {4, 2, 4, 6}, new int[] {-233, 5}, 8, 10);
        NcnnModel b = net(12, 10, new int[] {4, 2, 6, 10}, new int[] {-233, 9}, 12, 18);
        DynamicShapeMerge.merge(a, b);
        assertEquals("""
                7767517
                4 4
                Input                    input_0                  0 1 in0
                Reshape                  reshape_0                1 1 in0 1 0=0 1=-1 2=4 11=2
                Crop                     crop_0                   1 1 1 2 -23309=2,1,0 -23310=2,-233,-1 -23311=2,0,3
                Interp                   interp_0                 1 1 2 out0 0=1 1=2.0e+00 2=2.0e+00
                """, ParamWriter.toString(a));
        assertArrayEquals(new int[] {3, 2, -1, -1}, a.blobShapes.get("out0"));
    }

    @Test
    void whatHasNoDynamicFormIsRefusedNamingTheLayer() {
        NcnnModel a = net(8, 6, new int[] {4, 2, 4, 6}, new int[] {-233, 5}, 8, 10);
        ConversionException interp = assertThrows(ConversionException.class, () -> DynamicShapeMerge.merge(a,
                net(12, 10, new int[] {4, 2, 6, 10}, new int[] {-233, 9}, 12, 20)));
        assertEquals("inputshape2=: layer Interp interp_0 cannot stay dynamic: its output size is not the same"
                + " multiple of the input size at both sizes (5->10, 9->20)", interp.getMessage());

        ConversionException crop = assertThrows(ConversionException.class, () -> DynamicShapeMerge.merge(
                net(8, 6, new int[] {4, 2, 4, 6}, new int[] {-233, 3}, 8, 6),
                net(12, 10, new int[] {4, 2, 6, 10}, new int[] {-233, 5}, 12, 10)));
        assertEquals("inputshape2=: layer Crop crop_0 cannot stay dynamic: its crop bound on axis 3 is neither"
                + " fixed nor fixed from the end", crop.getMessage());

        ConversionException reshape = assertThrows(ConversionException.class, () -> DynamicShapeMerge.merge(
                net(8, 6, new int[] {4, 1, 8, 6}, new int[] {-233, 5}, 8, 10),
                net(12, 10, new int[] {4, 2, 6, 10}, new int[] {-233, 9}, 12, 18)));
        assertEquals("inputshape2=: layer Reshape reshape_0 cannot stay dynamic: more than one target dim changes"
                + " with the input size and ncnn Reshape takes one -1", reshape.getMessage());
    }

    @Test
    void layersAndWeightsMustBeTheSame() {
        NcnnModel a = net(8, 6, new int[] {4, 2, 4, 6}, new int[] {-233, 5}, 8, 10);
        NcnnModel b = net(12, 10, new int[] {4, 2, 6, 10}, new int[] {-233, 9}, 12, 18);
        a.layers.get(3).weights.add(new Weight("w", Tensor.ofFloats(Shape.of(2), 1, 2), false));
        b.layers.get(3).weights.add(new Weight("w", Tensor.ofFloats(Shape.of(2), 1, 3), false));
        assertEquals("layer Interp interp_0 has different weights at the two input sizes; weights that depend on"
                + " the input size cannot stay dynamic",
                assertThrows(ConversionException.class, () -> DynamicShapeMerge.merge(a, b)).getMessage());

        b.layers.remove(3);
        assertEquals("inputshape2= gives a network of 3 layers, inputshape= one of 4: the model's structure"
                + " depends on the input size, so it cannot stay dynamic",
                assertThrows(ConversionException.class, () -> DynamicShapeMerge.merge(a, b)).getMessage());
    }

    @Test
    void otherParamsThatDifferAreRefused() {
        NcnnModel a = net(8, 6, new int[] {4, 2, 4, 6}, new int[] {-233, 5}, 8, 10);
        NcnnModel b = net(12, 10, new int[] {4, 2, 6, 10}, new int[] {-233, 9}, 12, 18);
        a.layers.get(3).params.put(6, 1);
        assertEquals("inputshape2=: layer Interp interp_0 cannot stay dynamic: param 6 is 1 at one input size and"
                + " null at the other, and ncnn has no dynamic form for it",
                assertThrows(ConversionException.class, () -> DynamicShapeMerge.merge(a, b)).getMessage());
    }
}

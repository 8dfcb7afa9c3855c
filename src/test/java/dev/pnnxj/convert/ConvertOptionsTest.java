package dev.pnnxj.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pnnxj.ConversionException;
import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Shape;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConvertOptionsTest {
    @Test
    void defaultsFollowPnnxNaming() {
        ConvertOptions o = ConvertOptions.parse(Path.of("/m/resnet18.onnx"), List.of("inputshape=[1,3,224,224]"));
        assertEquals(Path.of("/m/resnet18.ncnn.param"), o.ncnnParam());
        assertEquals(Path.of("/m/resnet18.ncnn.bin"), o.ncnnBin());
        assertEquals(Path.of("/m/resnet18.ncnn.bin.json"), o.manifest());
        assertEquals(Path.of("/m/resnet18_ncnn.py"), o.ncnnPy());
        assertTrue(o.fp16());
        assertEquals(2, o.optLevel());
        assertEquals(List.of(new InputShape(Shape.of(1, 3, 224, 224), DType.FLOAT32, false)), o.inputShapes());
    }

    @Test
    void parsesSeveralShapesWithDtypesAndExplicitOutputs() {
        ConvertOptions o = ConvertOptions.parse(Path.of("a.onnx"),
                List.of("inputshape=[1,3,8,8],[1,10]i64", "fp16=0", "optlevel=0", "ncnnparam=x.param"));
        assertEquals(2, o.inputShapes().size());
        assertEquals(DType.INT64, o.inputShapes().get(1).dtype());
        assertEquals(Shape.of(1, 10), o.inputShapes().get(1).shape());
        assertFalse(o.fp16());
        assertEquals(0, o.optLevel());
        assertEquals(Path.of("x.param"), o.ncnnParam());
    }

    @Test
    void badOptionsSayWhatIsWrong() {
        Path m = Path.of("a.onnx");
        assertTrue(assertThrows(ConversionException.class, () -> ConvertOptions.parse(m, List.of("inputshap=[1]")))
                .getMessage().contains("unknown option 'inputshap'"));
        assertTrue(assertThrows(ConversionException.class, () -> ConvertOptions.parse(m, List.of("fp16=2")))
                .getMessage().contains("fp16=1 or fp16=0"));
        assertTrue(assertThrows(ConversionException.class, () -> ConvertOptions.parse(m, List.of("inputshape=[1,3,x]")))
                .getMessage().contains("'x' is not a number"));
        assertTrue(assertThrows(ConversionException.class, () -> ConvertOptions.parse(m, List.of("inputshape=[1,3]q7")))
                .getMessage().contains("unknown dtype suffix 'q7'"));
        assertTrue(assertThrows(ConversionException.class, () -> ConvertOptions.parse(m, List.of("inputshape=[1,3],")))
                .getMessage().contains("trailing ','"));
        assertTrue(assertThrows(ConversionException.class, () -> ConvertOptions.parse(m, List.of("inputshape=[1,0]")))
                .getMessage().contains("positive"));
        assertTrue(assertThrows(ConversionException.class,
                () -> ConvertOptions.parse(m, List.of("inputshape=[1,2]", "inputshape2=[1,2],[1,3]")))
                .getMessage().contains("as many shapes"));
        assertTrue(assertThrows(ConversionException.class, () -> ConvertOptions.parse(m, List.of("fp16")))
                .getMessage().contains("key=value"));
        assertTrue(assertThrows(ConversionException.class, () -> ConvertOptions.parse(m, List.of("fp16=1", "fp16=0")))
                .getMessage().contains("given twice"));
    }
}

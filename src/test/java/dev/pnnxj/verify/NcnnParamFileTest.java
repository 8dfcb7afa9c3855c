package dev.pnnxj.verify;

import dev.pnnxj.ConversionException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NcnnParamFileTest {
    private static final Set<String> KNOWN = Set.of("Input", "ReLU", "Convolution", "Split", "Crop");

    private static NcnnParamFile parse(String text) {
        return NcnnParamFile.parse(text, "m.param", KNOWN::contains);
    }

    private static String error(String text) {
        return assertThrows(ConversionException.class, () -> parse(text)).getMessage();
    }

    @Test
    void parsesLayersBlobsAndParams() {
        NcnnParamFile f = parse("""
                7767517
                3 4
                Input            data    0 1 data 0=4 1=4 2=3
                Split            splitncnn_0 1 2 data d0 d1
                Convolution      conv    1 1 d0 out 0=8 1=3 5=1 6=216 -23310=2,0.1,6.0e0 18=-1.5e-1
                """);
        assertEquals(3, f.layers().size());
        NcnnParamFile.LayerDecl conv = f.layers().get(2);
        assertEquals(5, conv.line());
        assertEquals("Convolution", conv.type());
        assertEquals("conv", conv.name());
        assertEquals(List.of("d0"), conv.bottoms());
        assertEquals(List.of("out"), conv.tops());
        assertEquals(8, conv.params().getInt(0, 0));
        assertEquals(-0.15f, conv.params().getFloat(18, 0f));
        assertArrayEquals(new float[]{0.1f, 6f}, conv.params().getFloats(10));
        assertEquals(7, conv.params().getInt(11, 7), "absent ids give the default");
        assertEquals(List.of("d0", "d1"), f.layers().get(1).tops());
    }

    @Test
    void headerBlobCountMustMatch() {
        assertEquals("m.param:2: header declares 3 blobs but the layers produce 2", error("""
                7767517
                2 3
                Input in 0 1 in
                ReLU r 1 1 in out
                """));
    }

    @Test
    void headerLayerCountMustMatch() {
        assertEquals("m.param:2: header declares 3 layers but the file has 2 layer lines", error("""
                7767517
                3 2
                Input in 0 1 in
                ReLU r 1 1 in out
                """));
    }

    @Test
    void namesPastNcnnsLimitAreRefused() {
        String name = "n".repeat(NcnnParamFile.MAX_NAME + 1);
        assertEquals("m.param:3: name 'nnnnnnnnnnnnnnnn...' has 256 characters; ncnn reads at most 255 (it splits a"
                + " longer one into two tokens)", error("7767517\n1 1\nInput in 0 1 " + name + "\n"));
    }

    @Test
    void nonNumericCountsAreRefused() {
        assertEquals("m.param:2: invalid blob count '2x'", error("7767517\n2 2x\nInput in 0 1 in\nReLU r 1 1 in out\n"));
        assertEquals("m.param:2: invalid layer count '-1'", error("7767517\n-1 2\nInput in 0 1 in\n"));
    }

    @Test
    void wrongMagic() {
        assertEquals("m.param:1: wrong magic '7767516', expected 7767517", error("7767516\n1 1\nInput in 0 1 in\n"));
    }

    @Test
    void missingBlob() {
        assertEquals("m.param:4: layer 'r' (ReLU): missing blob 'x': no earlier layer produces it", error("""
                7767517
                2 2
                Input in 0 1 in
                ReLU r 1 1 x out
                """));
    }

    @Test
    void unknownLayerType() {
        assertEquals("m.param:4: layer 'w' (Wobble): unknown layer type 'Wobble' (no implementation in the"
                + " reference executor)", error("""
                7767517
                2 2
                Input in 0 1 in
                Wobble w 1 1 in out
                """));
    }

    @Test
    void blobConsumedTwiceNeedsSplit() {
        assertEquals("m.param:5: layer 'b' (ReLU): blob 'in' is already consumed by layer 'a'; ncnn needs a Split"
                + " layer to feed a blob to several layers", error("""
                7767517
                3 3
                Input in 0 1 in
                ReLU a 1 1 in x
                ReLU b 1 1 in y
                """));
    }

    @Test
    void blobProducedTwice() {
        assertEquals("m.param:4: layer 'a' (ReLU): blob 'in' is already produced by layer 'in'", error("""
                7767517
                2 1
                Input in 0 1 in
                ReLU a 1 1 in in
                """));
    }

    @Test
    void intWrittenForAFloatIsReadAsItsBits() {
        LayerParams p = parse("7767517\n1 1\nInput in 0 1 in 0=1 1=1.0\n").layers().get(0).params();
        assertEquals(Float.intBitsToFloat(1), p.getFloat(0, 0f), "ncnn reinterprets an int param read as float");
        assertEquals(Float.floatToIntBits(1f), p.getInt(1, 0));
        assertEquals(LayerParams.Kind.INT, p.kind(0));
        assertEquals(LayerParams.Kind.FLOAT, p.kind(1));
    }

    @Test
    void arraysStringsAndScalarsDoNotCrossRead() {
        LayerParams p = parse("7767517\n1 1\nInput in 0 1 in -23303=3,1,2,-3 4=5,6 5=abc 6=\"a b\" 7=2\n")
                .layers().get(0).params();
        assertArrayEquals(new int[]{1, 2, -3}, p.getInts(3));
        assertArrayEquals(new int[]{5, 6}, p.getInts(4));
        assertEquals("abc", p.getString(5, ""));
        assertEquals("a b", p.getString(6, ""));
        assertEquals(0, p.getInt(3, 99), "an array read as int is ncnn's cleared scalar, 0");
        assertArrayEquals(new int[0], p.getInts(7), "a scalar read as array is empty");
    }

    @Test
    void floatsFollowNcnnsDigitReader() {
        assertEquals(1e-5f, ParamTokens.ncnnFloat("1e-5"));
        assertEquals(-3.402823e38f, ParamTokens.ncnnFloat("-3.402823e+38"));
        assertEquals(0.5f, ParamTokens.ncnnFloat(".5"));
        assertEquals(2f, ParamTokens.ncnnFloat("2."));
    }

    @Test
    void valuesNcnnWouldMisreadAreErrors() {
        String head = "7767517\n1 1\nInput in 0 1 in ";
        assertEquals("m.param:3: layer 'in': value '0.1234567890123456' is longer than the 15 characters ncnn"
                + " reads", error(head + "0=0.1234567890123456\n"));
        assertEquals("m.param:3: layer 'in': float '0.0000000001' overflows ncnn's 32-bit digit accumulator; ncnn"
                + " would read a different value (write fewer digits)", error(head + "0=0.0000000001\n"));
        assertEquals("m.param:3: layer 'in': array parameter 3 mixes int and float elements; ncnn reads every"
                + " element as its first element's kind", error(head + "3=1,0.5\n"));
        assertEquals("m.param:3: layer 'in': array parameter -23303 declares 3 elements but lists 2",
                error(head + "-23303=3,1,2\n"));
        assertEquals("m.param:3: layer 'in': malformed integer '12abc'", error(head + "0=12abc\n"));
        assertEquals("m.param:3: layer 'in': parameter id 0 is given twice", error(head + "0=1 0=2\n"));
        assertEquals("m.param:3: layer 'in': parameter id 40 is out of ncnn's range [0, 32)", error(head + "40=1\n"));
    }
}

package dev.pnnxj.ncnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.util.Half;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class BinWriterTest {
    private static NcnnModel model() {
        NcnnModel m = new NcnnModel();
        NcnnLayer conv = new NcnnLayer("Convolution", "conv_0", "Conv_0");
        conv.weights.add(new Weight("w", Tensor.ofFloats(Shape.of(3), 1f, -2f, 0.1f), true));
        conv.weights.add(new Weight("b", Tensor.ofDoubles(DType.FLOAT64, Shape.of(1), 0.25), false));
        m.layers.add(conv);
        m.layers.add(new NcnnLayer("ReLU", "relu_0", null));
        return m;
    }

    @Test
    void fp32LayoutIsTagThenDataThenRawBias() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Manifest man = BinWriter.write(model(), out, false);
        ByteBuffer b = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(4 + 12 + 4, b.capacity());
        assertEquals(0, b.getInt(0));
        assertEquals(1f, b.getFloat(4));
        assertEquals(-2f, b.getFloat(8));
        assertEquals(0.1f, b.getFloat(12));
        assertEquals(0.25f, b.getFloat(16));
        assertEquals(1, man.layers().size());
        Manifest.WeightEntry w = man.layers().get(0).weights().get(0);
        assertEquals(0, w.offset());
        assertEquals(16, w.length());
        assertEquals("fp32", w.storage());
        Manifest.WeightEntry bias = man.layers().get(0).weights().get(1);
        assertEquals(16, bias.offset());
        assertEquals("raw-fp32", bias.storage());
        CRC32 crc = new CRC32();
        crc.update(out.toByteArray(), 16, 4);
        assertEquals(String.format("%08x", crc.getValue()), bias.crc32());
        assertEquals(20, man.binSize());
    }

    @Test
    void fp16StoresFlaggedWeightsAsHalvesPaddedToFourBytes() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Manifest man = BinWriter.write(model(), out, true);
        ByteBuffer b = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        // tag, 3 halves (6 bytes) + 2 bytes padding, then the raw fp32 bias
        assertEquals(4 + 8 + 4, b.capacity());
        assertEquals(BinWriter.FP16_TAG, b.getInt(0));
        assertEquals(1f, Half.toFloat(b.getShort(4)));
        assertEquals(-2f, Half.toFloat(b.getShort(6)));
        assertEquals(Half.toFloat(Half.fromFloat(0.1f)), Half.toFloat(b.getShort(8)));
        assertEquals(0, b.getShort(10));
        assertEquals(0.25f, b.getFloat(12));
        assertEquals("fp16", man.layers().get(0).weights().get(0).storage());
        assertEquals(12, man.layers().get(0).weights().get(0).length());
    }

    @Test
    void largeWeightsStreamThroughTheBufferIntact() throws Exception {
        float[] big = new float[100_003];
        for (int i = 0; i < big.length; i++) {
            big[i] = i * 0.5f;
        }
        NcnnModel m = new NcnnModel();
        NcnnLayer l = new NcnnLayer("InnerProduct", "fc", null);
        l.weights.add(new Weight("w", Tensor.ofFloats(Shape.of(big.length), big), true));
        m.layers.add(l);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinWriter.write(m, out, false);
        ByteBuffer b = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        float[] back = new float[big.length];
        b.position(4);
        b.asFloatBuffer().get(back);
        assertArrayEquals(big, back);
    }

    @Test
    void largeFp16WeightsConvertEveryValueAcrossBufferRefills() throws Exception {
        // odd length and a tag in front: chunks end at every offset modulo the buffer size
        float[] big = new float[100_003];
        for (int i = 0; i < big.length; i++) {
            big[i] = (i % 7 - 3) * 0.37f * i;
        }
        NcnnModel m = new NcnnModel();
        NcnnLayer l = new NcnnLayer("InnerProduct", "fc", null);
        l.weights.add(new Weight("w", Tensor.ofFloats(Shape.of(big.length), big), true));
        m.layers.add(l);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Manifest man = BinWriter.write(m, out, true);
        byte[] bytes = out.toByteArray();
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(4 + 2 * big.length + 2, bytes.length);
        for (int i = 0; i < big.length; i++) {
            assertEquals(Half.fromFloat(big[i]), b.getShort(4 + 2 * i), "value " + i);
        }
        CRC32 crc = new CRC32();
        crc.update(bytes);
        assertEquals(String.format("%08x", crc.getValue()), man.layers().get(0).weights().get(0).crc32());
    }
}

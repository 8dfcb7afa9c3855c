package dev.pnnxj.verify;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A ResNet-18 shaped network (random weights) at 224x224 must run well within the CI budget:
 * the executor is the numeric oracle for every converted model.
 */
class ResNet18SpeedTest {
    private final List<String> lines = new ArrayList<>();
    private final ByteArrayOutputStream bin = new ByteArrayOutputStream();
    private final Random random = new Random(7);
    private int blobId;

    private String blob() {
        return "b" + blobId++;
    }

    private void weights(int n, float scale, boolean flagged) {
        ByteBuffer b = ByteBuffer.allocate(4 * n + (flagged ? 4 : 0)).order(ByteOrder.LITTLE_ENDIAN);
        if (flagged) {
            b.putInt(0);
        }
        for (int i = 0; i < n; i++) {
            b.putFloat((random.nextFloat() * 2 - 1) * scale);
        }
        bin.writeBytes(b.array());
    }

    private String conv(String in, int inC, int outC, int k, int stride, boolean relu) {
        String out = blob();
        int n = outC * inC * k * k;
        lines.add("Convolution c" + blobId + " 1 1 " + in + " " + out + " 0=" + outC + " 1=" + k + " 3=" + stride
                + " 4=" + k / 2 + " 5=1 6=" + n + (relu ? " 9=1" : ""));
        weights(n, (float) Math.sqrt(3.0 / (inC * k * k)), true);
        weights(outC, 0.01f, false);
        return out;
    }

    private String[] split(String in) {
        String a = blob();
        String b = blob();
        lines.add("Split s" + blobId + " 1 2 " + in + " " + a + " " + b);
        return new String[]{a, b};
    }

    private String block(String in, int inC, int outC, int stride) {
        String[] s = split(in);
        String y = conv(conv(s[0], inC, outC, 3, stride, true), outC, outC, 3, 1, false);
        String shortcut = stride != 1 || inC != outC ? conv(s[1], inC, outC, 1, stride, false) : s[1];
        String sum = blob();
        lines.add("BinaryOp add" + blobId + " 2 1 " + y + " " + shortcut + " " + sum + " 0=0");
        String out = blob();
        lines.add("ReLU r" + blobId + " 1 1 " + sum + " " + out);
        return out;
    }

    @Test
    void resnet18At224RunsQuickly() {
        lines.add("Input data 0 1 data");
        String x = conv("data", 3, 64, 7, 2, true);
        String pooled = blob();
        lines.add("Pooling pool 1 1 " + x + " " + pooled + " 0=0 1=3 2=2 3=1 5=1");
        x = pooled;
        int c = 64;
        for (int stage = 0; stage < 4; stage++) {
            int outC = 64 << stage;
            x = block(x, c, outC, stage == 0 ? 1 : 2);
            x = block(x, outC, outC, 1);
            c = outC;
        }
        String gap = blob();
        lines.add("Pooling gap 1 1 " + x + " " + gap + " 0=1 4=1");
        lines.add("InnerProduct fc 1 1 " + gap + " prob 0=1000 1=1 2=512000");
        weights(512000, 0.05f, true);
        weights(1000, 0.01f, false);
        NcnnExecutor ex = NcnnExecutor.load(Models.param(lines.toArray(new String[0])), "resnet18.param",
                ByteBuffer.wrap(bin.toByteArray()), "resnet18.bin");
        Mat input = Mat.of(new int[]{3, 224, 224}, Models.random(3 * 224 * 224, 8));

        ex.run(Map.of("data", input), List.of("prob")); // warm up the JIT
        long start = System.nanoTime();
        Mat prob = ex.run(Map.of("data", input), List.of("prob")).get("prob");
        double seconds = (System.nanoTime() - start) / 1e9;

        assertArrayEquals(new int[]{1000}, prob.shape());
        for (float v : prob.data()) {
            assertTrue(Float.isFinite(v));
        }
        System.out.printf("resnet18 224x224 forward: %.2f s%n", seconds);
        assertTrue(seconds < 10, "forward took " + seconds + " s");
    }
}

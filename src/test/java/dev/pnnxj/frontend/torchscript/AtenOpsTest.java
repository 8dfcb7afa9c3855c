package dev.pnnxj.frontend.torchscript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pnnxj.ConversionException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each aten mapping, checked on the IR it produces for a small forward with known input shapes. */
class AtenOpsTest {
    @TempDir
    Path dir;

    /** The graph of a forward body; tensors are name, shape pairs of module attributes (values 0, 1, 2 ...). */
    private String graph(String body, String inputshape, Object... tensors) {
        Map<String, int[]> t = new LinkedHashMap<>();
        for (int i = 0; i < tensors.length; i += 2) {
            t.put((String) tensors[i], (int[]) tensors[i + 1]);
        }
        return GraphText.of(Scripts.readWith(dir, body, inputshape, t));
    }

    @Test
    void convolutionsKeepTorchPaddingAndTakeTheKernelFromTheWeight() {
        assertEquals("""
                inputs: x:float32[1,3,8,8]
                Conv '_convolution' (x:float32[1,3,8,8], w:float32[4,3,3,3] const, b:float32[4] const[0.0, 1.0, 2.0, 3.0]) -> _convolution:float32[1,4,4,6] kernel_shape=[3, 3] strides=[2, 1] pads=[1, 0, 1, 0] dilations=[1, 1] group=1
                Conv 'conv2d' (x:float32[1,3,8,8], w:float32[4,3,3,3] const) -> conv2d:float32[1,4,8,8] kernel_shape=[3, 3] strides=[1, 1] pads=[2, 2, 2, 2] dilations=[2, 2] group=1
                ConvTranspose '_convolution_0' (x:float32[1,3,8,8], wt:float32[3,2,3,3] const) -> _convolution_1:float32[1,2,16,16] kernel_shape=[3, 3] strides=[2, 2] pads=[1, 1, 1, 1] dilations=[1, 1] group=1 output_padding=[1, 1]
                outputs: _convolution:float32[1,4,4,6], conv2d:float32[1,4,8,8], _convolution_1:float32[1,2,16,16]
                """, graph("""
                y = torch._convolution(x, self.w, self.b, [2, 1], [1, 0], [1, 1], False, [0, 0], 1, False, False, True, True)
                z = torch.conv2d(x, self.w, None, [1, 1], "same", [2, 2], 1)
                t = torch._convolution(x, self.wt, None, [2, 2], [1, 1], [1, 1], True, [1, 1], 1, False, False, True, True)
                return (y, z, t)
                """, "[1,3,8,8]", "w", new int[] {4, 3, 3, 3}, "b", new int[] {4}, "wt", new int[] {3, 2, 3, 3}));
    }

    @Test
    void normalisationWithoutAffineParametersGetsNamedConstants() {
        assertEquals("""
                inputs: x:float32[1,3,8,8]
                BatchNormalization 'batch_norm' (x:float32[1,3,8,8], batch_norm.weight:float32[3] const[1.0, 1.0, 1.0], batch_norm.bias:float32[3] const[0.0, 0.0, 0.0], m:float32[3] const[0.0, 1.0, 2.0], v:float32[3] const[0.0, 1.0, 2.0]) -> batch_norm:float32[1,3,8,8] epsilon=0.001
                LayerNormalization 'layer_norm' (x:float32[1,3,8,8], layer_norm.weight:float32[8,8] const) -> layer_norm:float32[1,3,8,8] axis=-2 epsilon=1.0E-5
                outputs: batch_norm:float32[1,3,8,8], layer_norm:float32[1,3,8,8]
                """, graph("""
                y = torch.batch_norm(x, None, None, self.m, self.v, False, 0.1, 1e-3, True)
                z = torch.layer_norm(x, [8, 8], None, None, 1e-5, True)
                return (y, z)
                """, "[1,3,8,8]", "m", new int[] {3}, "v", new int[] {3}));
    }

    @Test
    void linearIsGemmIn2DAndMatMulByTheTransposedWeightOtherwise() {
        assertEquals("""
                inputs: x:float32[2,5,3]
                MatMul 'linear' (x:float32[2,5,3], w:float32[3,4] const) -> linear:float32[2,5,4]
                Gather 'select' (x:float32[2,5,3], select_scalar:int64[] const[0]) -> select:float32[5,3] axis=0
                Add 'linear_0' (linear:float32[2,5,4], b:float32[4] const[0.0, 1.0, 2.0, 3.0]) -> linear_1:float32[2,5,4]
                Gemm 'addmm' (select:float32[5,3], w_2:float32[3,4] const, b:float32[4] const[0.0, 1.0, 2.0, 3.0]) -> addmm:float32[5,4] alpha=2.0 beta=1.0
                Gemm 'linear_4' (addmm:float32[5,4], w_3:float32[3,4] const) -> linear_5:float32[5,3] transB=1
                outputs: linear_1:float32[2,5,4], addmm:float32[5,4], linear_5:float32[5,3]
                """, graph("""
                y = torch.linear(x, self.w, self.b)
                z = torch.addmm(self.b, torch.select(x, 0, 0), torch.t(self.w), beta=1, alpha=2)
                return (y, z, torch.linear(z, torch.t(self.w), None))
                """, "[2,5,3]", "w", new int[] {4, 3}, "b", new int[] {4}));
    }

    @Test
    void poolingAndAdaptivePooling() {
        assertEquals("""
                inputs: x:float32[1,3,8,8]
                MaxPool 'max_pool2d' (x:float32[1,3,8,8]) -> max_pool2d:float32[1,3,5,5] kernel_shape=[3, 3] strides=[2, 2] pads=[1, 1, 1, 1] dilations=[1, 1] ceil_mode=1
                AveragePool 'avg_pool2d' (x:float32[1,3,8,8]) -> avg_pool2d:float32[1,3,4,4] kernel_shape=[2, 2] strides=[2, 2] pads=[0, 0, 0, 0] ceil_mode=0 count_include_pad=0
                AveragePool 'adaptive_avg_pool2d' (x:float32[1,3,8,8]) -> adaptive_avg_pool2d:float32[1,3,2,4] kernel_shape=[4, 2] strides=[4, 2]
                GlobalMaxPool 'adaptive_max_pool2d' (x:float32[1,3,8,8]) -> adaptive_max_pool2d:float32[1,3,1,1]
                outputs: max_pool2d:float32[1,3,5,5], avg_pool2d:float32[1,3,4,4], adaptive_avg_pool2d:float32[1,3,2,4], adaptive_max_pool2d:float32[1,3,1,1]
                """, graph("""
                a = torch.max_pool2d(x, [3, 3], [2, 2], [1, 1], [1, 1], True)
                b = torch.avg_pool2d(x, [2, 2], annotate(List[int], []), [0, 0], False, False, None)
                c = torch.adaptive_avg_pool2d(x, [2, 4])
                d, e = torch.adaptive_max_pool2d(x, [1, 1])
                return (a, b, c, d)
                """, "[1,3,8,8]"));
    }

    @Test
    void upsamplingInBothSignatures() {
        assertEquals("""
                inputs: x:float32[1,3,8,8]
                Resize 'upsample_nearest2d' (x:float32[1,3,8,8], -, scales:float32[4] const[1.0, 1.0, 2.0, 3.0]) -> upsample_nearest2d:float32[1,3,16,24] mode=nearest coordinate_transformation_mode=asymmetric nearest_mode=floor
                Resize 'upsample_bilinear2d' (x:float32[1,3,8,8], -, -, upsample_bilinear2d_ints:int64[4] const[1, 3, 16, 12]) -> upsample_bilinear2d:float32[1,3,16,12] mode=linear coordinate_transformation_mode=align_corners
                Resize 'upsample_nearest2d_0' (x:float32[1,3,8,8], -, -, upsample_nearest2d_ints:int64[4] const[1, 3, 16, 16]) -> upsample_nearest2d_1:float32[1,3,16,16] mode=nearest coordinate_transformation_mode=asymmetric nearest_mode=floor
                Resize 'upsample_bicubic2d' (x:float32[1,3,8,8], -, -, upsample_bicubic2d_ints:int64[4] const[1, 3, 4, 4]) -> upsample_bicubic2d:float32[1,3,4,4] mode=cubic coordinate_transformation_mode=pytorch_half_pixel cubic_coeff_a=-0.75
                outputs: upsample_nearest2d:float32[1,3,16,24], upsample_bilinear2d:float32[1,3,16,12], upsample_nearest2d_1:float32[1,3,16,16], upsample_bicubic2d:float32[1,3,4,4]
                """, graph("""
                a = torch.upsample_nearest2d(x, None, [2., 3.])
                b = torch.upsample_bilinear2d(x, [16, 12], True, None)
                c = torch.upsample_nearest2d(x, [16, 16], 2., 2.)
                d = torch.upsample_bicubic2d(x, [4, 4], False, None)
                return (a, b, c, d)
                """, "[1,3,8,8]"));
    }

    @Test
    void padsRunFromTheLastAxisBackwards() {
        assertEquals("""
                inputs: x:float32[1,3,8,8]
                Pad 'constant_pad_nd' (x:float32[1,3,8,8], constant_pad_nd_ints:int64[8] const[0, 0, 0, 1, 0, 0, 0, 2], constant_pad_nd_scalar:float32[] const[0.5]) -> constant_pad_nd:float32[1,3,8,11] mode=constant
                Pad 'reflection_pad2d' (x:float32[1,3,8,8], reflection_pad2d_ints:int64[8] const[0, 0, 2, 1, 0, 0, 0, 1]) -> reflection_pad2d:float32[1,3,10,10] mode=reflect
                Pad 'pad' (x:float32[1,3,8,8], pad_ints:int64[8] const[0, 0, 0, 1, 0, 0, 0, 1]) -> pad:float32[1,3,8,10] mode=edge
                outputs: constant_pad_nd:float32[1,3,8,11], reflection_pad2d:float32[1,3,10,10], pad:float32[1,3,8,10]
                """, graph("""
                a = torch.constant_pad_nd(x, [1, 2], 0.5)
                b = torch.reflection_pad2d(x, [1, 1, 2, 0])
                c = torch.pad(x, [1, 1], "replicate", None)
                return (a, b, c)
                """, "[1,3,8,8]"));
    }

    @Test
    void activations() {
        assertEquals("""
                inputs: x:float32[1,3,8,8]
                PRelu 'prelu' (x:float32[1,3,8,8], p:float32[3,1,1] const[0.0, 1.0, 2.0]) -> prelu:float32[1,3,8,8]
                Clip 'hardtanh' (x:float32[1,3,8,8], hardtanh_scalar:float32[] const[0.0], hardtanh_scalar_0:float32[] const[6.0]) -> hardtanh:float32[1,3,8,8]
                HardSigmoid 'hardsigmoid' (x:float32[1,3,8,8]) -> hardsigmoid:float32[1,3,8,8] alpha=0.16666667 beta=0.5
                Gelu 'gelu' (x:float32[1,3,8,8]) -> gelu:float32[1,3,8,8] approximate=tanh
                Swish 'silu' (x:float32[1,3,8,8]) -> silu:float32[1,3,8,8]
                Clip 'clamp' (x:float32[1,3,8,8], clamp_scalar:float32[] const[-1.5]) -> clamp:float32[1,3,8,8]
                Softmax 'softmax' (x:float32[1,3,8,8]) -> softmax:float32[1,3,8,8] axis=-1
                LeakyRelu 'leaky_relu_' (x:float32[1,3,8,8]) -> leaky_relu_:float32[1,3,8,8] alpha=0.2
                outputs: prelu:float32[1,3,8,8], hardtanh:float32[1,3,8,8], hardsigmoid:float32[1,3,8,8], gelu:float32[1,3,8,8], silu:float32[1,3,8,8], leaky_relu_:float32[1,3,8,8], clamp:float32[1,3,8,8], softmax:float32[1,3,8,8]
                """, graph("""
                a = torch.prelu(x, self.p)
                b = torch.hardtanh(x, 0., 6.)
                c = torch.hardsigmoid(x)
                d = torch.gelu(x, approximate="tanh")
                e = torch.silu(x)
                g = torch.clamp(x, -1.5, None)
                h = torch.softmax(x, -1, None)
                f = torch.leaky_relu_(x, 0.2)
                return (a, b, c, d, e, f, g, h)
                """, "[1,3,8,8]", "p", new int[] {3}));
    }

    @Test
    void arithmeticWithAlphaScalarsAndSizeMath() {
        assertEquals("""
                inputs: x:float32[1,3,8,4]
                Add 'add' (x:float32[1,3,8,4], add:float32[4] const[0.0, 2.0, 4.0, 6.0]) -> add_0:float32[1,3,8,4]
                Sub 'rsub' (rsub_scalar:float32[] const[1.0], x:float32[1,3,8,4]) -> rsub:float32[1,3,8,4]
                Mul 'mul' (x:float32[1,3,8,4], mul_scalar:float32[] const[5.0]) -> mul:float32[1,3,8,4]
                Div 'div' (x:float32[1,3,8,4], div_scalar:float32[] const[2.0]) -> div:float32[1,3,8,4]
                Pow 'pow' (x:float32[1,3,8,4], pow_scalar:float32[] const[2.0]) -> pow:float32[1,3,8,4]
                Sqrt 'rsqrt' (x:float32[1,3,8,4]) -> rsqrt:float32[1,3,8,4]
                Floor 'div_1' (div:float32[1,3,8,4]) -> div_2:float32[1,3,8,4]
                Reciprocal 'rsqrt_3' (rsqrt:float32[1,3,8,4]) -> rsqrt_4:float32[1,3,8,4]
                Neg 'neg' (rsqrt_4:float32[1,3,8,4]) -> neg:float32[1,3,8,4]
                outputs: add_0:float32[1,3,8,4], rsub:float32[1,3,8,4], mul:float32[1,3,8,4], div_2:float32[1,3,8,4], pow:float32[1,3,8,4], neg:float32[1,3,8,4]
                """, graph("""
                a = torch.add(x, self.b, alpha=2)
                b = torch.rsub(x, 1, 1)
                n = torch.floordiv(torch.mul(torch.add(torch.size(x, 2), 3), 2), 4)
                c = torch.mul(x, n)
                d = torch.div(x, 2, rounding_mode="floor")
                e = torch.pow(x, 2)
                f = torch.neg(torch.rsqrt(x))
                return (a, b, c, d, e, f)
                """, "[1,3,8,4]", "b", new int[] {4}));
    }

    @Test
    void reductions() {
        assertEquals("""
                inputs: x:float32[1,3,8,4]
                ReduceMean 'mean' (x:float32[1,3,8,4], mean_ints:int64[2] const[2, 3]) -> mean:float32[1,3,1,1] keepdims=1
                ReduceSum 'sum' (x:float32[1,3,8,4]) -> sum:float32[] keepdims=0
                ReduceMax 'max' (x:float32[1,3,8,4], max_ints:int64[1] const[1]) -> max:float32[1,8,4] keepdims=0
                ArgMax 'max_0' (x:float32[1,3,8,4]) -> max_1:int64[1,8,4] axis=1 keepdims=0
                ReduceMax 'amax' (x:float32[1,3,8,4], amax_ints:int64[1] const[-1]) -> amax:float32[1,3,8] keepdims=0
                ArgMax 'argmax' (x:float32[1,3,8,4]) -> argmax:int64[1,1,8,4] axis=1 keepdims=1
                outputs: mean:float32[1,3,1,1], sum:float32[], max:float32[1,8,4], max_1:int64[1,8,4], amax:float32[1,3,8], argmax:int64[1,1,8,4]
                """, graph("""
                a = torch.mean(x, [2, 3], True)
                b = torch.sum(x)
                c, i = torch.max(x, 1, False)
                d = torch.amax(x, [-1])
                e = torch.argmax(x, 1, True)
                return (a, b, c, i, d, e)
                """, "[1,3,8,4]"));
    }

    @Test
    void viewsAndJoins() {
        assertEquals("""
                inputs: x:float32[1,3,8,4]
                Transpose 'transpose' (x:float32[1,3,8,4]) -> transpose:float32[1,4,8,3] perm=[0, 3, 2, 1]
                Reshape 'flatten' (x:float32[1,3,8,4], flatten_ints:int64[3] const[0, 0, -1]) -> flatten:float32[1,3,32]
                Unsqueeze 'unsqueeze' (x:float32[1,3,8,4], unsqueeze_ints:int64[1] const[0]) -> unsqueeze:float32[1,1,3,8,4]
                Gather 'select' (x:float32[1,3,8,4], select_scalar:int64[] const[-1]) -> select:float32[1,8,4] axis=1
                Split 'split_with_sizes' (x:float32[1,3,8,4], split_with_sizes_ints:int64[2] const[1, 2]) -> split_with_sizes:float32[1,1,8,4], split_with_sizes_3:float32[1,2,8,4] axis=1
                Unsqueeze 'repeat' (x:float32[1,3,8,4], repeat_ints:int64[1] const[0]) -> repeat:float32[1,1,3,8,4]
                Cast 'to' (x:float32[1,3,8,4]) -> to:float16[1,3,8,4] to=10
                Slice 'narrow' (x:float32[1,3,8,4], narrow_ints:int64[1] const[2], narrow_ints_12:int64[1] const[5], narrow_ints_13:int64[1] const[2], narrow_ints_14:int64[1] const[1]) -> narrow:float32[1,3,3,4]
                Squeeze 'squeeze' (unsqueeze:float32[1,1,3,8,4]) -> squeeze:float32[3,8,4]
                Unsqueeze 'stack' (split_with_sizes:float32[1,1,8,4], stack_ints:int64[1] const[0]) -> stack:float32[1,1,1,8,4]
                Unsqueeze 'stack_5' (split_with_sizes:float32[1,1,8,4], stack_ints_4:int64[1] const[0]) -> stack_6:float32[1,1,1,8,4]
                Tile 'repeat_10' (repeat:float32[1,1,3,8,4], repeat_ints_9:int64[5] const[2, 1, 1, 1, 1]) -> repeat_11:float32[2,1,3,8,4]
                Unsqueeze 'unsqueeze_1' (squeeze:float32[3,8,4], unsqueeze_ints_0:int64[1] const[-1]) -> unsqueeze_2:float32[3,8,4,1]
                Concat 'stack_7' (stack:float32[1,1,1,8,4], stack_6:float32[1,1,1,8,4]) -> stack_8:float32[2,1,1,8,4] axis=0
                outputs: transpose:float32[1,4,8,3], flatten:float32[1,3,32], x:float32[1,3,8,4], unsqueeze_2:float32[3,8,4,1], select:float32[1,8,4], split_with_sizes_3:float32[1,2,8,4], stack_8:float32[2,1,1,8,4], expand:float32[2,4] const, repeat_11:float32[2,1,3,8,4], to:float16[1,3,8,4], x:float32[1,3,8,4], narrow:float32[1,3,3,4]
                """, graph("""
                a = torch.transpose(x, -1, 1)
                b = torch.flatten(x, 2)
                c = torch.squeeze(x, 1)
                d = torch.unsqueeze(torch.squeeze(torch.unsqueeze(x, 0)), -1)
                e = torch.select(x, 1, -1)
                f, g = torch.split_with_sizes(x, [1, 2], 1)
                h = torch.stack([f, f], 0)
                i = torch.expand(self.b, [2, -1], False)
                j = torch.repeat(x, [2, 1, 1, 1, 1])
                k = torch.to(x, 5, False, False, None)
                l = torch.cat([x], 1)
                m = torch.narrow(x, 2, 2, 3)
                return (a, b, c, d, e, g, h, i, j, k, l, m)
                """, "[1,3,8,4]", "b", new int[] {4}));
    }

    @Test
    void rollIsAConcatOfTwoSlicesPerAxisWithTheShiftTakenModuloTheSize() {
        assertEquals("""
                inputs: x:float32[1,5,8,4]
                Slice 'roll' (x:float32[1,5,8,4], roll_ints:int64[1] const[3], roll_ints_0:int64[1] const[5], roll_ints_1:int64[1] const[1], roll_ints_2:int64[1] const[1]) -> roll:float32[1,2,8,4]
                Slice 'roll_7' (x:float32[1,5,8,4], roll_ints_3:int64[1] const[0], roll_ints_4:int64[1] const[3], roll_ints_5:int64[1] const[1], roll_ints_6:int64[1] const[1]) -> roll_8:float32[1,3,8,4]
                Concat 'roll_9' (roll:float32[1,2,8,4], roll_8:float32[1,3,8,4]) -> roll_10:float32[1,5,8,4] axis=1
                Slice 'roll_15' (roll_10:float32[1,5,8,4], roll_ints_11:int64[1] const[3], roll_ints_12:int64[1] const[4], roll_ints_13:int64[1] const[3], roll_ints_14:int64[1] const[1]) -> roll_16:float32[1,5,8,1]
                Slice 'roll_21' (roll_10:float32[1,5,8,4], roll_ints_17:int64[1] const[0], roll_ints_18:int64[1] const[3], roll_ints_19:int64[1] const[3], roll_ints_20:int64[1] const[1]) -> roll_22:float32[1,5,8,3]
                Concat 'roll_23' (roll_16:float32[1,5,8,1], roll_22:float32[1,5,8,3]) -> roll_24:float32[1,5,8,4] axis=3
                outputs: roll_24:float32[1,5,8,4]
                """, graph("""
                y = torch.roll(x, [-3, 1, 8], [1, 3, 2])
                return y
                """, "[1,5,8,4]"));
    }

    @Test
    void newZerosAndFillTakeTheSizeGivenAndTheDtypeOfSelf() {
        assertEquals("""
                inputs: x:float32[1,5]
                outputs: fill__4:float32[1,3] const[0.0, 2.5, 2.5], new_full:int64[2] const[7, 7], new_ones:float32[1] const[1.0]
                """, graph("""
                m = torch.new_zeros(x, [1, 3])
                n = torch.new_full(x, [2], 7, dtype=4)
                o = torch.fill_(torch.slice(m, 1, 1, 3), 2.5)
                return (m, n, torch.new_ones(x, [1]))
                """, "[1,5]"));
    }

    @Test
    void maskedFillIsWhereAndFillTakesAOneElementModuleTensor() {
        assertEquals("""
                inputs: x:float32[1,5]
                Greater 'gt' (x:float32[1,5], gt_scalar:float32[] const[0.5]) -> gt:bool[1,5]
                Where 'masked_fill' (gt:bool[1,5], masked_fill_scalar:float32[] const[-100.0], x:float32[1,5]) -> masked_fill:float32[1,5]
                outputs: masked_fill:float32[1,5], fill__0:float32[2] const[0.0, 0.0]
                """, graph("""
                m = torch.gt(x, 0.5)
                y = torch.masked_fill(x, m, -100.0)
                o = torch.new_ones(x, [2])
                p = torch.fill_(o, self.c)
                return (y, o)
                """, "[1,5]", "c", new int[] {1}));
    }

    @Test
    void cumsumAndTile() {
        // tile repeats the trailing axes when given fewer dims than the tensor has
        assertEquals("""
                inputs: x:float32[1,3,8,4]
                CumSum 'cumsum' (x:float32[1,3,8,4], cumsum_scalar:int64[] const[-1]) -> cumsum:float32[1,3,8,4]
                Tile 'tile' (x:float32[1,3,8,4], tile_ints:int64[4] const[1, 1, 2, 1]) -> tile:float32[1,3,16,4]
                outputs: cumsum:float32[1,3,8,4], tile:float32[1,3,16,4]
                """, graph("""
                c = torch.cumsum(x, -1, None)
                t = torch.tile(x, [2, 1])
                return (c, t)
                """, "[1,3,8,4]", "b", new int[] {4}));
    }

    @Test
    void inPlaceWritesReachLaterReadsAndSlicesWriteIntoTheirRoot() {
        // relu_ replaces x for every later read; copy_ into out[:, 1:3] and out[:, :, -1] writes out
        // as ScatterND blocks, and a (read after the first write) is taken again from the new out
        assertEquals("""
                inputs: x:float32[1,4,3]
                Relu 'relu_' (x:float32[1,4,3]) -> relu_:float32[1,4,3]
                Slice 'slice' (relu_:float32[1,4,3], slice_ints_3:int64[1] const[0], slice_ints_4:int64[1] const[2], slice_ints_5:int64[1] const[1], slice_ints_6:int64[1] const[1]) -> slice_7:float32[1,2,3]
                Neg 'neg' (relu_:float32[1,4,3]) -> neg:float32[1,4,3]
                ScatterND 'copy_' (zeros:float32[1,4,3] const, copy__indices:int64[1,2,2] const[0, 1, 0, 2], slice_7:float32[1,2,3]) -> copy_:float32[1,4,3]
                Slice 'add' (copy_:float32[1,4,3], add_ints:int64[3] const[0, 1, 0], add_ints_8:int64[3] const[1, 3, 3], add_ints_9:int64[3] const[0, 1, 2]) -> add:float32[1,2,3]
                ScatterND 'copy__26' (copy_:float32[1,4,3], copy__indices_25:int64[1,4,1,3] const, copy__24:float32[1,4,1] const[2.0, 2.0, 2.0, 2.0]) -> copy__27:float32[1,4,3]
                Add 'add_10' (add:float32[1,2,3], add_scalar:float32[] const[1.0]) -> add_11:float32[1,2,3]
                outputs: copy__27:float32[1,4,3], add_11:float32[1,2,3], neg:float32[1,4,3]
                """, graph("""
                out = torch.zeros([1, 4, 3], dtype=6, layout=None, device=None, pin_memory=None)
                a = torch.slice(out, 1, 1, 3)
                b = torch.select(out, 2, -1)
                y = torch.relu_(x)
                _0 = torch.copy_(a, torch.slice(x, 1, 0, 2))
                c = torch.add(a, 1)
                _1 = torch.copy_(b, 2.)
                return (out, c, torch.neg(x))
                """, "[1,4,3]"));
    }

    @Test
    void writingThroughAStridedSliceIsRefused() {
        ConversionException e = assertThrows(ConversionException.class, () -> graph("""
                out = torch.zeros([1, 4], dtype=6, layout=None, device=None, pin_memory=None)
                _0 = torch.copy_(torch.slice(out, 1, 0, 4, 2), torch.slice(x, 1, 0, 2))
                return out
                """, "[1,4]"));
        assertTrue(e.getMessage().contains("in-place write into a slice with a step"), e.getMessage());
    }

    @Test
    void bidirectionalGruWithAnInitialState() {
        assertEquals("""
                inputs: x:float32[7,1,3]
                GRU 'gru' (x:float32[7,1,3], wi:float32[2,6,3] const, wh:float32[2,6,2] const, bi:float32[2,12] const, -, gru:float32[2,1,2] const[1.0, 1.0, 1.0, 1.0]) -> gru_2:float32[7,2,1,2], gru_3:float32[2,1,2] hidden_size=2 direction=bidirectional layout=0 linear_before_reset=1
                Transpose 'gru_4' (gru_2:float32[7,2,1,2]) -> gru_5:float32[7,1,2,2] perm=[0, 2, 1, 3]
                Reshape 'gru_7' (gru_5:float32[7,1,2,2], gru_ints_6:int64[3] const[0, 0, -1]) -> gru_8:float32[7,1,4]
                outputs: gru_8:float32[7,1,4], gru_3:float32[2,1,2]
                """, graph("""
                h0 = torch.ones([2, 1, 2], dtype=6, layout=None, device=torch.device("cpu"), pin_memory=False)
                params = [self.wi, self.wh, self.bi, self.bh, self.wir, self.whr, self.bir, self.bhr]
                y, h = torch.gru(x, h0, params, True, 1, 0., False, True, False)
                return (y, h)
                """, "[7,1,3]", "wi", new int[] {6, 3}, "wh", new int[] {6, 2}, "bi", new int[] {6}, "bh", new int[] {6}, "wir", new int[] {6, 3}, "whr", new int[] {6, 2}, "bir", new int[] {6}, "bhr", new int[] {6}));
    }

    @Test
    void recurrentWeightsTakeOnnxGateOrder() {
        // torch GRU rows are (r, z, n), ONNX's (z, r, h); w_ih is [6,3] holding 0..17, row k = 3k..3k+2
        dev.pnnxj.ir.Graph g = Scripts.readWith(dir, """
                params = [self.weight_ih_l0, self.weight_hh_l0, self.bias_ih_l0, self.bias_hh_l0]
                y, h = torch.gru(x, torch.zeros([1, 1, 2], dtype=6, layout=None, device=None, pin_memory=False), params, True, 1, 0., False, False, True)
                return y
                """, "[1,7,3]", Map.of("weight_ih_l0", new int[] {6, 3}, "weight_hh_l0", new int[] {6, 2},
                "bias_ih_l0", new int[] {6}, "bias_hh_l0", new int[] {6}));
        dev.pnnxj.ir.Node gru = g.nodes().get(0);
        assertEquals("GRU", gru.op());
        assertEquals(java.util.List.of(6f, 7f, 8f, 9f, 10f, 11f, 0f, 1f, 2f, 3f, 4f, 5f, 12f, 13f, 14f, 15f, 16f, 17f),
                floats(gru.input(1)));
        assertEquals(java.util.List.of(2f, 3f, 0f, 1f, 4f, 5f, 2f, 3f, 0f, 1f, 4f, 5f), floats(gru.input(3)));
        assertEquals("bias_l0", gru.input(3).name());
        // the zero initial state is left out; batch_first runs with layout 1
        assertEquals(4, gru.inputs().size());
        assertEquals(1, gru.getInt("layout", 0));
    }

    private static java.util.List<Float> floats(dev.pnnxj.ir.Value v) {
        java.util.List<Float> out = new java.util.ArrayList<>();
        for (float f : v.constant().toFloats()) {
            out.add(f);
        }
        return out;
    }

    @Test
    void truncatingDivisionAndSingleTensorIndexing() {
        assertEquals("""
                inputs: x:float32[2,3]
                Div 'div' (x:float32[2,3], div_scalar:float32[] const[2.0]) -> div:float32[2,3]
                Abs 'div_0' (div:float32[2,3]) -> div_1:float32[2,3]
                Sign 'div_4' (div:float32[2,3]) -> div_5:float32[2,3]
                Floor 'div_2' (div_1:float32[2,3]) -> div_3:float32[2,3]
                Mul 'div_6' (div_5:float32[2,3], div_3:float32[2,3]) -> div_7:float32[2,3]
                Gather 'index' (div_7:float32[2,3], tensor:int64[2] const[2, 0]) -> index:float32[2,2] axis=1
                outputs: index:float32[2,2]
                """, graph("""
                n = torch.div(7, -2, rounding_mode="trunc")
                i = torch.tensor([torch.add(n, 5), 0], dtype=4, device=None, requires_grad=False)
                return torch.index(torch.div(x, 2, rounding_mode="trunc"), [None, i])
                """, "[2,3]"));
    }
}

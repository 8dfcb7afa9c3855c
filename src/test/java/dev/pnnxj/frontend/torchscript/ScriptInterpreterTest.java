package dev.pnnxj.frontend.torchscript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pnnxj.ConversionException;
import dev.pnnxj.ir.Graph;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptInterpreterTest {
    @TempDir
    Path dir;

    private ConversionException fails(String body, String inputshape) {
        return assertThrows(ConversionException.class, () -> Scripts.read(dir, body, inputshape));
    }

    private static byte[] floats(int n) {
        ByteBuffer b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            b.putFloat(i);
        }
        return b.array();
    }

    @Test
    void inlinesSubmoduleCallsIntoOneGraphWithWeightsNamedByPath() {
        PickleBytes state = TestArchive.noState()
                .str("training").bool(false)
                .str("layer1").beginObject("__torch__", "Seq")
                .str("0").beginObject("__torch__", "Lin")
                .str("weight").tensor("FloatStorage", "0", 8, 0, new int[] {2, 4}, new int[] {4, 1})
                .str("bias").tensor("FloatStorage", "1", 2, 0, new int[] {2}, new int[] {1})
                .endObject().endObject();
        String code = """
                class M(Module):
                  layer1 : __torch__.Seq
                  def forward(self: __torch__.M,
                    x: Tensor) -> Tensor:
                    layer1 = self.layer1
                    return (layer1).forward(x, )
                class Seq(Module):
                  __annotations__["0"] = __torch__.Lin
                  def forward(self: __torch__.Seq,
                    argument_1: Tensor) -> Tensor:
                    _0 = getattr(self, "0")
                    return (_0).forward(argument_1, )
                class Lin(Module):
                  weight : Tensor
                  bias : Tensor
                  def forward(self: __torch__.Lin,
                    input: Tensor) -> Tensor:
                    bias = self.bias
                    weight = self.weight
                    return torch.linear(input, weight, bias)
                """;
        Path file = TestArchive.module(state, code).entry("m/data/0", floats(8)).entry("m/data/1", floats(2))
                .write(dir.resolve("m.pt"));
        Graph g = TorchScriptReader.read(file, Scripts.shapes("[1,4]"));
        assertEquals("""
                inputs: x:float32[1,4]
                Gemm 'layer1.0' (x:float32[1,4], layer1.0.weight:float32[2,4] const, layer1.0.bias:float32[2] const[0.0, 1.0]) -> layer1.0:float32[1,2] transB=1
                outputs: layer1.0:float32[1,2]
                """, GraphText.of(g));
        assertEquals(List.of(0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f),
                toList(g.value("layer1.0.weight").constant().toFloats()));
    }

    private static List<Float> toList(float[] v) {
        java.util.ArrayList<Float> out = new java.util.ArrayList<>();
        for (float f : v) {
            out.add(f);
        }
        return out;
    }

    @Test
    void ifWithAConditionKnownWhileConvertingRunsOneBranch() {
        PickleBytes state = TestArchive.noState().str("training").bool(false);
        String code = Scripts.moduleM("""
                if self.training:
                  y = torch.sigmoid(x)
                else:
                  y = torch.relu(x)
                if torch.ne(torch.dim(x), 2):
                  ops.prim.RaiseException("AssertionError: ")
                else:
                  pass
                return y
                """);
        Path file = TestArchive.module(state, code).write(dir.resolve("m.pt"));
        assertEquals("""
                inputs: x:float32[1,4]
                Relu 'relu' (x:float32[1,4]) -> relu:float32[1,4]
                outputs: relu:float32[1,4]
                """, GraphText.of(TorchScriptReader.read(file, Scripts.shapes("[1,4]"))));
    }

    @Test
    void anIfOnTensorDataIsRefusedWithFileAndLine() {
        ConversionException e = fails("""
                y = torch.relu(x)
                if torch.gt(torch.sum(y), 0.):
                  y = torch.neg(y)
                else:
                  pass
                return y
                """, "[1,4]");
        assertTrue(e.getMessage().contains("m.pt: code/__torch__.py:6: the condition of an if depends on tensor data"),
                e.getMessage());
    }

    @Test
    void aLoopIsRefusedWithFileAndLine() {
        ConversionException e = fails("""
                y = x
                for i in range(3):
                  y = torch.relu(y)
                return y
                """, "[1,4]");
        assertTrue(e.getMessage().contains("code/__torch__.py:6: a for statement, which pnnx-j does not run"),
                e.getMessage());
        assertTrue(e.getMessage().contains("torch.jit.trace"), e.getMessage());
    }

    @Test
    void aRaiseThatIsReachedIsReported() {
        ConversionException e = fails("""
                if torch.ne(torch.dim(x), 4):
                  ops.prim.RaiseException("ValueError: expected 4D input")
                return x
                """, "[1,4]");
        assertTrue(e.getMessage().contains(":6: the model's code raises ValueError: expected 4D input"), e.getMessage());
    }

    @Test
    void callsHelperFunctionsWithDefaultsAndReadsConstants() {
        String helpers = """
                def scale(x: Tensor,
                    k: float=2.) -> Tensor:
                  return torch.mul(x, k)
                """;
        byte[] constants = new PickleBytes().mark()
                .tensor("FloatStorage", "c", 4, 0, new int[] {4}, new int[] {1}).tuple().stop();
        Path file = TestArchive.module(TestArchive.noState(), Scripts.moduleM("""
                _0 = __torch__.helpers.scale
                y = _0(x, )
                return torch.add(y, CONSTANTS.c0, alpha=1)
                """)).entry("m/code/__torch__/helpers.py", helpers).entry("m/constants.pkl", constants)
                .entry("m/constants/c", floats(4)).write(dir.resolve("m.pt"));
        assertEquals("""
                inputs: x:float32[1,4]
                Mul 'mul' (x:float32[1,4], mul_scalar:float32[] const[2.0]) -> mul:float32[1,4]
                Add 'add' (mul:float32[1,4], CONSTANTS.c0:float32[4] const[0.0, 1.0, 2.0, 3.0]) -> add:float32[1,4]
                outputs: add:float32[1,4]
                """, GraphText.of(TorchScriptReader.read(file, Scripts.shapes("[1,4]"))));
    }

    @Test
    void sizesAreNumbersWithInputShapesAndShapeNodesWithout() {
        String body = """
                _0 = ops.prim.NumToTensor(torch.size(x, 0))
                return torch.view(x, [int(_0), -1])
                """;
        assertEquals("""
                inputs: x:float32[2,3,4]
                Reshape 'view' (x:float32[2,3,4], view_ints:int64[2] const[2, -1]) -> view:float32[2,12]
                outputs: view:float32[2,12]
                """, GraphText.of(Scripts.read(dir, body, "[2,3,4]")));
        assertEquals("""
                inputs: x:float32[?]
                Shape 'size' (x:float32[?]) -> size:int64[?]
                Gather 'size_0' (size:int64[?], size_scalar:int64[] const[0]) -> size_1:int64[?] axis=0
                Unsqueeze 'view' (size_1:int64[?], view_ints:int64[1] const[0]) -> view:?[?]
                Concat 'view_3' (view:?[?], view_ints_2:int64[1] const[-1]) -> view_4:?[?] axis=0
                Reshape 'view_5' (x:float32[?], view_4:?[?]) -> view_6:?[?]
                outputs: view_6:?[?]
                """, GraphText.of(Scripts.read(dir, body, null)));
    }

    @Test
    void returnsTuplesAsSeveralOutputsAndUnpacksResults() {
        assertEquals("""
                inputs: x:float32[1,4]
                Split 'chunk' (x:float32[1,4], chunk_ints:int64[2] const[2, 2]) -> chunk:float32[1,2], chunk_0:float32[1,2] axis=1
                outputs: chunk_0:float32[1,2], chunk:float32[1,2]
                """, GraphText.of(Scripts.read(dir, """
                _0 = torch.chunk(x, 2, 1)
                a, b, = _0
                return (b, a)
                """, "[1,4]")));
    }

    @Test
    void anUnknownAtenOpIsNamedWithItsLine() {
        ConversionException e = fails("return torch.frobnicate(x, 3)\n", "[1,4]");
        assertTrue(e.getMessage().contains("code/__torch__.py:5: aten::frobnicate has no mapping"), e.getMessage());
    }

    @Test
    void aSizeNeededWhileConvertingAsksForInputShapes() {
        ConversionException e = fails("return torch.chunk(x, 2, 1)\n", null);
        assertTrue(e.getMessage().contains("is not known at conversion time; give the input shapes with inputshape="),
                e.getMessage());
    }

    @Test
    void refusesForwardInputsThatAreNotTensors() {
        Path file = TestArchive.module(TestArchive.noState(), """
                class M(Module):
                  def forward(self: __torch__.M,
                    x: Tensor,
                    n: int) -> Tensor:
                    return x
                """).write(dir.resolve("m.pt"));
        ConversionException e = assertThrows(ConversionException.class, () -> TorchScriptReader.read(file, List.of()));
        assertTrue(e.getMessage().contains("forward() input 'n' is a int"), e.getMessage());
        ConversionException count = assertThrows(ConversionException.class,
                () -> Scripts.read(dir, "return x\n", "[1,4],[1,2]"));
        assertTrue(count.getMessage().contains("inputshape= gives 2 shape(s) but forward() of"), count.getMessage());
    }

    @Test
    void runsTheListAndIdentityBuiltinsOfScriptedCode() {
        assertEquals("""
                inputs: x:float32[1,4,6]
                Reshape 'reshape' (x:float32[1,4,6], reshape_ints:int64[3] const[1, 2, -1]) -> reshape:float32[1,2,12]
                outputs: reshape:float32[1,2,12]
                """, GraphText.of(Scripts.read(dir, """
                sizes = torch.copy(torch.size(x))
                _0 = torch._set_item(sizes, 1, 2)
                _1 = torch.append(sizes, -1)
                if torch.__isnot__(x, x):
                  ops.prim.RaiseException(torch.format("{} is not {}", x, 3))
                else:
                  pass
                if torch.__contains__(["zeros", "reflect"], "zeros"):
                  y = unchecked_cast(Tensor, x)
                else:
                  y = torch.neg(x)
                return torch.reshape(torch.dropout(y, 0., True), [sizes[0], sizes[1], sizes[3]])
                """, "[1,4,6]")));
    }

    @Test
    void formatsTheMessageOfARaise() {
        ConversionException e = fails("""
                ops.prim.RaiseException(torch.format("expected {}D input (got {}D input)", 4, torch.dim(x)))
                return x
                """, "[1,4]");
        assertTrue(e.getMessage().endsWith("the model's code raises expected 4D input (got 2D input)"), e.getMessage());
    }
}

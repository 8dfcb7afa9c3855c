package dev.pnnxj.frontend.torchscript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pnnxj.ConversionException;
import dev.pnnxj.frontend.torchscript.PyAst.Assign;
import dev.pnnxj.frontend.torchscript.PyAst.Attr;
import dev.pnnxj.frontend.torchscript.PyAst.BinOp;
import dev.pnnxj.frontend.torchscript.PyAst.Call;
import dev.pnnxj.frontend.torchscript.PyAst.ClassDef;
import dev.pnnxj.frontend.torchscript.PyAst.Const;
import dev.pnnxj.frontend.torchscript.PyAst.Expr;
import dev.pnnxj.frontend.torchscript.PyAst.FunctionDef;
import dev.pnnxj.frontend.torchscript.PyAst.If;
import dev.pnnxj.frontend.torchscript.PyAst.IfExp;
import dev.pnnxj.frontend.torchscript.PyAst.ListExpr;
import dev.pnnxj.frontend.torchscript.PyAst.Module;
import dev.pnnxj.frontend.torchscript.PyAst.Name;
import dev.pnnxj.frontend.torchscript.PyAst.Return;
import dev.pnnxj.frontend.torchscript.PyAst.Slice;
import dev.pnnxj.frontend.torchscript.PyAst.Subscript;
import dev.pnnxj.frontend.torchscript.PyAst.TupleExpr;
import dev.pnnxj.frontend.torchscript.PyAst.UnaryOp;
import dev.pnnxj.frontend.torchscript.PyAst.Unsupported;
import java.util.List;
import org.junit.jupiter.api.Test;

class PyParserTest {
    private static final String CONV = """
            class Conv2d(Module):
              __parameters__ = ["weight", "bias", ]
              __buffers__ = []
              weight : Tensor
              bias : Optional[Tensor]
              training : bool
              stride : Final[Tuple[int, int]] = (1, 1)
              padding_mode : Final[str] = "zeros"
              __annotations__["0"] = __torch__.torch.nn.modules.activation.ReLU
              def forward(self: __torch__.torch.nn.modules.conv.Conv2d,
                input: Tensor) -> Tensor:
                weight = self.weight
                # a comment line

                _0 = (self)._conv_forward(input, weight, self.bias, )
                return _0
              def _conv_forward(self: __torch__.torch.nn.modules.conv.Conv2d,
                input: Tensor,
                weight: Tensor,
                bias: Optional[Tensor]) -> Tensor:
                _1 = torch.conv2d(input, weight, bias, [1, 1], [0, 0], [1, 1])
                return _1
            def relu(input: Tensor,
                inplace: bool=False) -> Tensor:
              if inplace:
                result = torch.relu_(input)
              else:
                result = torch.relu(input)
              return result
            """;

    @Test
    void parsesClassesWithConstantsAndMethodsAndTopLevelFunctions() {
        Module m = PyParser.parseModule(CONV, "code/__torch__/torch/nn/modules/conv.py");
        ClassDef c = m.classes().get("Conv2d");
        assertEquals(List.of("__parameters__", "__buffers__", "stride", "padding_mode"), List.copyOf(c.constants().keySet()));
        TupleExpr stride = assertInstanceOf(TupleExpr.class, c.constants().get("stride"));
        assertEquals(2, stride.items().size());
        assertEquals("zeros", ((Const) c.constants().get("padding_mode")).value());
        assertEquals(List.of("forward", "_conv_forward"), List.copyOf(c.methods().keySet()));
        FunctionDef forward = c.methods().get("forward");
        assertEquals(List.of("self", "input"), forward.params().stream().map(PyAst.Param::name).toList());
        assertEquals(3, forward.body().size());
        Assign call = (Assign) forward.body().get(1);
        assertEquals(15, call.line());
        Call c1 = assertInstanceOf(Call.class, call.value());
        assertEquals("_conv_forward", ((Attr) c1.fn()).name());
        assertEquals(3, c1.args().size());

        FunctionDef relu = m.functions().get("relu");
        assertEquals(Boolean.FALSE, ((Const) relu.params().get(1).dflt()).value());
        If branch = assertInstanceOf(If.class, relu.body().get(0));
        assertEquals(1, branch.body().size());
        assertEquals(1, branch.orElse().size());
        assertInstanceOf(Return.class, relu.body().get(1));
        assertEquals("code/__torch__/torch/nn/modules/conv.py", relu.file());
    }

    @Test
    void parsesLiteralsAsTorchScriptPrintsThem() {
        assertEquals(0.10000000000000001, constant("0.10000000000000001"));
        assertEquals(1.0000000000000001e-05, constant("1.0000000000000001e-05"));
        assertEquals(2.0, constant("2."));
        assertEquals(-1L, constant("-1"));
        assertEquals(9223372036854775807L, constant("9223372036854775807"));
        assertEquals("a\"b\n", constant("\"a\\\"b\\n\""));
        assertEquals("ab", constant("'a' \"b\""));
        assertNull(constant("None"));
        assertEquals(Boolean.TRUE, constant("True"));
    }

    private static Object constant(String src) {
        return assertInstanceOf(Const.class, PyParser.parseExpression(src)).value();
    }

    @Test
    void parsesCallsWithKeywordsListsAndNestedAttributes() {
        Call c = (Call) PyParser.parseExpression("torch.zeros([2, int(n), 32], dtype=6, layout=None, "
                + "device=torch.device(\"cpu\"), pin_memory=False)");
        assertEquals("zeros", ((Attr) c.fn()).name());
        assertEquals(3, ((ListExpr) c.args().get(0)).items().size());
        assertEquals(List.of("dtype", "layout", "device", "pin_memory"),
                c.kwargs().stream().map(PyAst.Keyword::name).toList());
        Call ops = (Call) PyParser.parseExpression("ops.prim.NumToTensor(torch.size(x, 0))");
        Attr fn = (Attr) ops.fn();
        assertEquals("NumToTensor", fn.name());
        assertEquals("prim", ((Attr) fn.target()).name());
    }

    @Test
    void parsesTupleTargetsWithATrailingComma() {
        Module m = PyParser.parseModule("def f(x):\n  a, b, = x\n  return (a, b)\n", "f.py");
        Assign a = (Assign) m.functions().get("f").body().get(0);
        TupleExpr t = assertInstanceOf(TupleExpr.class, a.target());
        assertEquals(List.of("a", "b"), t.items().stream().map(e -> ((Name) e).id()).toList());
    }

    @Test
    void followsPythonPrecedence() {
        BinOp or = (BinOp) PyParser.parseExpression("not a and b or c is not None");
        assertEquals("or", or.op());
        BinOp and = (BinOp) or.left();
        assertEquals("and", and.op());
        assertEquals("not", ((UnaryOp) and.left()).op());
        assertEquals("is not", ((BinOp) or.right()).op());
        BinOp sum = (BinOp) PyParser.parseExpression("1 + 2 * 3 ** 2 // 4");
        assertEquals("+", sum.op());
        assertEquals("//", ((BinOp) sum.right()).op());
        assertEquals("not in", ((BinOp) PyParser.parseExpression("x not in [1]")).op());
        assertInstanceOf(IfExp.class, PyParser.parseExpression("a if c else b"));
    }

    @Test
    void parsesSubscriptsAndSlices() {
        Subscript s = (Subscript) PyParser.parseExpression("size[1:-1]");
        Slice slice = assertInstanceOf(Slice.class, s.index());
        assertEquals(1L, ((Const) slice.lo()).value());
        assertEquals(-1L, ((Const) slice.hi()).value());
        assertNull(slice.step());
        Expr e = ((Subscript) PyParser.parseExpression("t[0]")).index();
        assertEquals(0L, ((Const) e).value());
    }

    @Test
    void keepsLoopsAsUnsupportedMarkersWithTheirLine() {
        Module m = PyParser.parseModule("""
                def f(size: List[int]) -> int:
                  n = size[0]
                  for i in range(torch.sub(torch.len(size), 2)):
                    n = torch.mul(n, size[torch.add(i, 2)])
                  while n:
                    pass
                  return n
                """, "f.py");
        List<PyAst.Stmt> body = m.functions().get("f").body();
        Unsupported loop = assertInstanceOf(Unsupported.class, body.get(1));
        assertEquals("for statement", loop.construct());
        assertEquals(3, loop.line());
        assertEquals("while statement", ((Unsupported) body.get(2)).construct());
        assertInstanceOf(Return.class, body.get(3));
    }

    @Test
    void reportsSyntaxErrorsWithFileAndLine() {
        ConversionException e = assertThrows(ConversionException.class,
                () -> PyParser.parseModule("def f(x):\n  y = (x,\n  return y\n", "code/__torch__.py"));
        assertTrue(e.getMessage().startsWith("code/__torch__.py:3: "), e.getMessage());
        ConversionException bad = assertThrows(ConversionException.class,
                () -> PyParser.parseModule("def f(x):\n  return x $ 1\n", "g.py"));
        assertTrue(bad.getMessage().startsWith("g.py:2: unexpected character '$'"), bad.getMessage());
    }
}

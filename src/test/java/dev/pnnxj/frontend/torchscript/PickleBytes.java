package dev.pnnxj.frontend.torchscript;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Writes protocol-2 pickles opcode by opcode, to craft data.pkl files for tests. */
final class PickleBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    PickleBytes() {
        out.write(0x80);
        out.write(2);
    }

    PickleBytes global(String module, String name) {
        out.write('c');
        raw(module + "\n" + name + "\n");
        return this;
    }

    /** Protocol 4's STACK_GLOBAL: module and name as strings on the stack. */
    PickleBytes stackGlobal(String module, String name) {
        str(module).str(name);
        return op(0x93);
    }

    /** INST: module and name as lines, then the constructor arguments since the last MARK. */
    PickleBytes inst(String module, String name) {
        out.write('i');
        raw(module + "\n" + name + "\n");
        return this;
    }

    PickleBytes mark() {
        return op('(');
    }

    PickleBytes tuple() {
        return op('t');
    }

    PickleBytes emptyTuple() {
        return op(')');
    }

    PickleBytes emptyDict() {
        return op('}');
    }

    PickleBytes emptyList() {
        return op(']');
    }

    /** APPEND: the top of the stack into the list below it. */
    PickleBytes append() {
        return op('a');
    }

    PickleBytes appends() {
        return op('e');
    }

    PickleBytes setItems() {
        return op('u');
    }

    PickleBytes reduce() {
        return op('R');
    }

    PickleBytes newObj() {
        return op(0x81);
    }

    PickleBytes build() {
        return op('b');
    }

    PickleBytes persistentId() {
        return op('Q');
    }

    PickleBytes none() {
        return op('N');
    }

    PickleBytes bool(boolean b) {
        return op(b ? 0x88 : 0x89);
    }

    PickleBytes str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write('X');
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).array());
        out.writeBytes(b);
        return this;
    }

    PickleBytes integer(int v) {
        out.write('J');
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
        return this;
    }

    PickleBytes ints(int... v) {
        mark();
        for (int x : v) {
            integer(x);
        }
        return tuple();
    }

    /** _rebuild_tensor_v2(('storage', torch.&lt;type&gt;Storage, key, 'cpu', numel), offset, size, stride, False, OrderedDict()). */
    PickleBytes tensor(String storageType, String key, int numel, int offset, int[] size, int[] stride) {
        global("torch._utils", "_rebuild_tensor_v2").mark();
        mark().str("storage").global("torch", storageType).str(key).str("cpu").integer(numel).tuple().persistentId();
        integer(offset).ints(size).ints(stride).bool(false);
        global("collections", "OrderedDict").emptyTuple().reduce();
        return tuple().reduce();
    }

    /** Starts a __torch__ object: class, NEWOBJ, state dict, MARK; end it with {@link #endObject()}. */
    PickleBytes beginObject(String module, String cls) {
        return global(module, cls).emptyTuple().newObj().emptyDict().mark();
    }

    PickleBytes endObject() {
        return setItems().build();
    }

    byte[] stop() {
        out.write('.');
        return out.toByteArray();
    }

    private PickleBytes op(int code) {
        out.write(code);
        return this;
    }

    private void raw(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}

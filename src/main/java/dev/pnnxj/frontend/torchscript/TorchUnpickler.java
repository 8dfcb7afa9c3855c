package dev.pnnxj.frontend.torchscript;

import dev.pnnxj.ConversionException;
import dev.pnnxj.ir.DType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

/**
 * Unpickles TorchScript's data.pkl and constants.pkl through an allow-list. A pickle can name any
 * Python global and call it; this one resolves only the globals that TorchScript archives use,
 * each to a Java constructor that builds plain data, and refuses every other with a
 * {@link ConversionException}. Nothing from the file is ever executed.
 *
 * <p>Allowed: {@code torch._utils._rebuild_tensor_v2} / {@code _rebuild_tensor} (a
 * {@link StoredTensor}), {@code _rebuild_parameter} (its data), the typed storage classes
 * {@code torch.FloatStorage} etc. (only as markers inside storage persistent ids),
 * {@code collections.OrderedDict}, {@code torch.jit._pickle} list builders and
 * {@code restore_type_tag} (their list or value), {@code torch.device} (its name) and
 * {@code __torch__.*} classes (a {@link ScriptObject}).
 */
final class TorchUnpickler extends Unpickler {
    private static final short GLOBAL = 'c';
    private static final short STACK_GLOBAL = 0x93;
    private static final short INST = 'i';

    /** A typed storage class named in a persistent id; it only carries the element type. */
    record StorageType(DType dtype) implements IObjectConstructor {
        @Override
        public Object construct(Object[] args) {
            throw new PickleException("a storage class is called");
        }
    }

    private static final Map<String, IObjectConstructor> ALLOWED = allowed();

    /** Deepest nesting of lists, tuples, dicts and objects read; real modules stay under a few dozen. */
    static final int MAX_NESTING = 500;

    private final String source;
    private final String storageFolder;

    private TorchUnpickler(String source, String storageFolder) {
        this.source = source;
        this.storageFolder = storageFolder;
    }

    /**
     * Unpickles {@code bytes}; {@code source} names the file and entry in messages, and the
     * storages it names live in {@code storageFolder} ({@code data} for data.pkl, {@code constants}
     * for constants.pkl).
     *
     * @throws ConversionException for a global off the allow-list or a malformed pickle
     */
    static Object unpickle(byte[] bytes, String source, String storageFolder) {
        TorchUnpickler u = new TorchUnpickler(source, storageFolder);
        try {
            Object value = u.load(new ByteArrayInputStream(bytes));
            checkNesting(value, source);
            return value;
        } catch (ConversionException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ConversionException(source + " is not a pickle pnnx-j can read (" + e + "): the archive is"
                    + " damaged or was not written by torch.jit.save", e);
        } finally {
            u.close();
        }
    }

    /**
     * Refuses data nested deeper than {@link #MAX_NESTING}: the pickle machine builds any depth
     * without recursion, but everything that reads the values afterwards recurses. Walks with its
     * own stack, revisiting a shared value only when reached deeper, so a cycle ends at the limit.
     */
    private static void checkNesting(Object root, String source) {
        Map<Object, Integer> deepest = new IdentityHashMap<>();
        Deque<Map.Entry<Object, Integer>> todo = new ArrayDeque<>();
        todo.push(Map.entry(root, 0));
        while (!todo.isEmpty()) {
            Map.Entry<Object, Integer> e = todo.pop();
            int depth = e.getValue();
            if (depth > MAX_NESTING) {
                throw new ConversionException(source + ": the pickled data nests deeper than " + MAX_NESTING
                        + " levels (or contains itself), which no TorchScript module does; the archive is damaged"
                        + " or was crafted. Re-export the model with torch.jit.save");
            }
            Integer seen = deepest.get(e.getKey());
            if (seen != null && seen >= depth) {
                continue;
            }
            deepest.put(e.getKey(), depth);
            for (Object child : children(e.getKey())) {
                if (child != null) {
                    todo.push(Map.entry(child, depth + 1));
                }
            }
        }
    }

    private static Collection<?> children(Object v) {
        if (v instanceof Object[] tuple) {
            return Arrays.asList(tuple);
        }
        if (v instanceof Collection<?> c) {
            return c;
        }
        if (v instanceof Map<?, ?> m) {
            List<Object> kv = new ArrayList<>(m.keySet());
            kv.addAll(m.values());
            return kv;
        }
        if (v instanceof ScriptObject o) {
            return o.attributes().values();
        }
        return List.of();
    }

    private static Map<String, IObjectConstructor> allowed() {
        Map<String, IObjectConstructor> m = new LinkedHashMap<>();
        m.put("torch._utils._rebuild_tensor_v2", TorchUnpickler::rebuildTensor);
        m.put("torch._utils._rebuild_tensor", TorchUnpickler::rebuildTensor);
        m.put("torch._utils._rebuild_parameter", args -> args[0]);
        m.put("torch._utils._rebuild_parameter_with_state", args -> args[0]);
        m.put("collections.OrderedDict", args -> new LinkedHashMap<>());
        for (String list : List.of("build_intlist", "build_doublelist", "build_boollist", "build_tensorlist")) {
            m.put("torch.jit._pickle." + list, args -> args[0]);
        }
        m.put("torch.jit._pickle.restore_type_tag", args -> args[0]);
        m.put("torch.device", args -> String.valueOf(args[0]));
        Map<String, DType> storages = Map.of("Float", DType.FLOAT32, "Double", DType.FLOAT64, "Half", DType.FLOAT16,
                "BFloat16", DType.BFLOAT16, "Long", DType.INT64, "Int", DType.INT32, "Short", DType.INT16,
                "Char", DType.INT8, "Byte", DType.UINT8, "Bool", DType.BOOL);
        storages.forEach((name, dtype) -> m.put("torch." + name + "Storage", new StorageType(dtype)));
        return Map.copyOf(m);
    }

    /** (storage, offset, size, stride, requires_grad, backward_hooks[, metadata]) → a view. */
    private static Object rebuildTensor(Object[] args) {
        if (args.length < 4 || !(args[0] instanceof StorageRef storage)) {
            throw new PickleException("_rebuild_tensor with arguments " + describe(args));
        }
        return new StoredTensor(storage, ((Number) args[1]).longValue(), longs(args[2]), longs(args[3]));
    }

    private static long[] longs(Object tuple) {
        Object[] t = (Object[]) tuple;
        long[] out = new long[t.length];
        for (int i = 0; i < t.length; i++) {
            out[i] = ((Number) t[i]).longValue();
        }
        return out;
    }

    @Override
    protected Object dispatch(short key) throws IOException {
        switch (key) {
            case GLOBAL -> {
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                stack.add(resolve(module, name));
                return NO_RETURN_VALUE;
            }
            case STACK_GLOBAL -> {
                Object name = stack.pop();
                Object module = stack.pop();
                stack.add(resolve(String.valueOf(module), String.valueOf(name)));
                return NO_RETURN_VALUE;
            }
            case INST -> {
                // INST names a class and calls it at once; TorchScript never writes it
                String module = PickleUtils.readline(input);
                throw refused(module + "." + PickleUtils.readline(input));
            }
            default -> {
                return super.dispatch(key);
            }
        }
    }

    private IObjectConstructor resolve(String module, String name) {
        String qualified = module + "." + name;
        if (module.equals("__torch__") || module.startsWith("__torch__.")) {
            return args -> new ScriptObject(qualified);
        }
        IObjectConstructor c = ALLOWED.get(qualified);
        if (c == null) {
            throw refused(qualified);
        }
        return c;
    }

    private ConversionException refused(String qualified) {
        return new ConversionException(source + ": pickle names global " + qualified
                + ", which pnnx-j will not construct (only the tensor, storage and module globals of TorchScript"
                + " archives are allowed). The file is not a plain TorchScript module, or was tampered with");
    }

    /** ('storage', storage class, key, location, numel) → a {@link StorageRef}. */
    @Override
    protected Object persistentLoad(Object pid) {
        if (pid instanceof Object[] t && t.length >= 5 && "storage".equals(t[0]) && t[1] instanceof StorageType type) {
            return new StorageRef(storageFolder + "/" + t[2], type.dtype(), ((Number) t[4]).longValue());
        }
        throw new ConversionException(source + ": unknown persistent id " + describe(pid)
                + "; only storages of TorchScript archives are read");
    }

    /** One level of a value for messages: nested containers by their kind only, as they may nest without end. */
    private static String describe(Object v) {
        if (v instanceof Object[] t) {
            List<String> items = new ArrayList<>();
            for (Object x : t) {
                items.add(x instanceof Object[] || x instanceof Collection<?> || x instanceof Map<?, ?>
                        ? x.getClass().getSimpleName() : String.valueOf(x));
            }
            return items.toString();
        }
        return v instanceof Collection<?> || v instanceof Map<?, ?> ? v.getClass().getSimpleName() : String.valueOf(v);
    }

    /** For tests: the sorted allow-list. */
    static List<String> allowList() {
        List<String> names = new ArrayList<>(ALLOWED.keySet());
        names.sort(null);
        return names;
    }
}

package dev.pnnxj.ncnn.layer;

/**
 * One ncnn layer param: the id it has on a .param line, ncnn's name for it (as operators.md
 * writes it) and its value type and default. The subtypes make the writer and the reader pick the
 * matching value type: ncnn reads each id as one type, and a value written as the other is
 * reinterpreted bit for bit.
 */
public abstract sealed class Param permits Param.Int, Param.Float, Param.IntArray, Param.FloatArray, Param.Text {
    /** The value types of operators.md's table. */
    public enum Type { INT, FLOAT, ARRAY, STRING }

    private final int id;
    private final String name;

    private Param(int id, String name) {
        this.id = id;
        this.name = name;
    }

    public final int id() {
        return id;
    }

    public final String name() {
        return name;
    }

    public abstract Type type();

    /**
     * The default as ncnn's load_param computes it when it is not a constant: another param's name
     * (kernel_h defaults to kernel_w) or an expression; null for a constant default.
     */
    public abstract String defaultRule();

    @Override
    public String toString() {
        return name + "(" + id + ")";
    }

    public static Int ofInt(int id, String name, int defaultValue) {
        return new Int(id, name, defaultValue, null);
    }

    /** An int param whose default is the value of {@code defaultFrom}. */
    public static Int ofInt(int id, String name, Int defaultFrom) {
        return new Int(id, name, 0, defaultFrom);
    }

    public static Float ofFloat(int id, String name, float defaultValue) {
        return new Float(id, name, defaultValue, null);
    }

    /** A float param whose default ncnn computes from other params, as {@code rule} says. */
    public static Float ofFloat(int id, String name, String rule) {
        return new Float(id, name, 0f, rule);
    }

    public static IntArray ofIntArray(int id, String name) {
        return new IntArray(id, name);
    }

    public static FloatArray ofFloatArray(int id, String name) {
        return new FloatArray(id, name);
    }

    public static Text ofText(int id, String name) {
        return new Text(id, name);
    }

    /** An int param. */
    public static final class Int extends Param {
        private final int defaultValue;
        private final Int defaultFrom;

        private Int(int id, String name, int defaultValue, Int defaultFrom) {
            super(id, name);
            this.defaultValue = defaultValue;
            this.defaultFrom = defaultFrom;
        }

        /** The constant default; a param defaulting to another param's value has none. */
        public int defaultValue() {
            if (defaultFrom != null) {
                throw new IllegalStateException(name() + " defaults to " + defaultFrom.name());
            }
            return defaultValue;
        }

        @Override
        public Type type() {
            return Type.INT;
        }

        @Override
        public String defaultRule() {
            return defaultFrom == null ? null : defaultFrom.name();
        }
    }

    /** A float param. */
    public static final class Float extends Param {
        private final float defaultValue;
        private final String rule;

        private Float(int id, String name, float defaultValue, String rule) {
            super(id, name);
            this.defaultValue = defaultValue;
            this.rule = rule;
        }

        /** The constant default; a param whose default is computed has none. */
        public float defaultValue() {
            if (rule != null) {
                throw new IllegalStateException(name() + " defaults to " + rule);
            }
            return defaultValue;
        }

        @Override
        public Type type() {
            return Type.FLOAT;
        }

        @Override
        public String defaultRule() {
            return rule;
        }
    }

    /** An array param read as ints; absent means empty. */
    public static final class IntArray extends Param {
        private IntArray(int id, String name) {
            super(id, name);
        }

        @Override
        public Type type() {
            return Type.ARRAY;
        }

        @Override
        public String defaultRule() {
            return null;
        }
    }

    /** An array param read as floats; absent means empty. */
    public static final class FloatArray extends Param {
        private FloatArray(int id, String name) {
            super(id, name);
        }

        @Override
        public Type type() {
            return Type.ARRAY;
        }

        @Override
        public String defaultRule() {
            return null;
        }
    }

    /** A string param (ncnn's expressions); absent means "". */
    public static final class Text extends Param {
        private Text(int id, String name) {
            super(id, name);
        }

        @Override
        public Type type() {
            return Type.STRING;
        }

        @Override
        public String defaultRule() {
            return null;
        }
    }
}

package dev.pnnxj.ncnn;

import dev.pnnxj.ir.Node;

/**
 * Lowers one IR op to ncnn layers. An emitter that meets a form it cannot express throws
 * {@link Unsupported}; the lowering carries on with the other nodes so every problem is reported
 * at once.
 */
@FunctionalInterface
public interface Emitter {
    void emit(Node node, Lowering ctx);

    /** Thrown by an emitter for a node ncnn cannot run, with the reason a user can act on. */
    final class Unsupported extends RuntimeException {
        private final UnsupportedNodesException.Kind kind;

        /** An attribute value or input form ncnn has no equivalent for. */
        public Unsupported(String reason) {
            this(UnsupportedNodesException.Kind.UNSUPPORTED_FORM, reason);
        }

        public Unsupported(UnsupportedNodesException.Kind kind, String reason) {
            super(reason, null, false, false);
            this.kind = kind;
        }

        public UnsupportedNodesException.Kind kind() {
            return kind;
        }
    }
}

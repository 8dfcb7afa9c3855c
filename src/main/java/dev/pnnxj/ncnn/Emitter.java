package dev.pnnxj.ncnn;

import dev.pnnxj.ir.Node;
import java.util.Set;

/**
 * Lowers one IR op to ncnn layers. An emitter that meets a form it cannot express throws
 * {@link Unsupported}; the lowering carries on with the other nodes so every problem is reported
 * at once.
 */
public interface Emitter {
    void emit(Node node, Lowering ctx);

    /**
     * Every ncnn layer type {@link #emit} may write (MemoryData for constants aside, which the
     * {@link Lowering} adds itself), so the set the converter can produce is known without
     * converting anything; {@link LowerToNcnn} rejects a network holding any other type.
     */
    Set<String> layerTypes();

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

package dev.pnnxj.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A program that some tests run (headless chromium, python3 with numpy). Where it is missing the
 * tests are skipped, except under .ci/run (which sets {@code PNNXJ_CI=1} after installing them):
 * there a missing tool fails, so a broken install cannot pass CI by skipping the tests.
 */
public final class ExternalTool {
    private ExternalTool() {
    }

    /** Skips the calling tests, or fails them in CI, unless {@code present}; {@code what} names the tool. */
    public static void require(boolean present, String what) {
        if (!present && "1".equals(System.getenv("PNNXJ_CI"))) {
            fail(what + " is missing, but .ci/run installs it: see its output");
        }
        assumeTrue(present, what + " is not installed");
    }
}

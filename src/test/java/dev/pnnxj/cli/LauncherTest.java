package dev.pnnxj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/pnnx-j finds its jar through chains of relative and absolute symlinks. */
class LauncherTest {
    @TempDir
    Path dir;

    @Test
    void findsTheJarBesideTheRealScriptThroughSymlinks() throws IOException, InterruptedException {
        // a checkout without a built jar: the launcher's message shows where it looked
        Path home = Files.createDirectories(dir.resolve("checkout/bin"));
        Path script = Files.copy(Path.of("bin/pnnx-j"), home.resolve("pnnx-j"));
        Files.createSymbolicLink(Files.createDirectories(dir.resolve("a")).resolve("p"), script);
        Path second = Files.createSymbolicLink(Files.createDirectories(dir.resolve("b")).resolve("p"), Path.of("../a/p"));
        Process p = new ProcessBuilder("sh", second.toString(), "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, p.waitFor());
        assertEquals("pnnx-j: " + dir.toRealPath().resolve("checkout/target/pnnx-j.jar") + " not found; build it first"
                + " with: mvn -q -B package -DskipTests\n", out);
    }
}

package org.fedcot.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.fedcot.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A machine with no OpenCL driver, made by pointing the ICD loader at an empty vendors directory in a child
 * JVM: {@code --backend opencl} is refused in a line that says why and what to install, and {@code auto} runs
 * on the CPU saying why OpenCL was not used. (Without a loader at all the reason is the missing library.)
 */
class NoOpenClPlatformTest {
    private static final Pattern REASON = Pattern.compile(
            "no OpenCL (platform; install a driver such as pocl-opencl-icd|library \\(libOpenCL\\.so\\.1\\); install ocl-icd-libopencl1)");

    @TempDir
    Path emptyVendors;

    @Test
    void openclIsRefusedWithTheReasonAndAutoFallsBackToTheCpu() throws Exception {
        Result refused = run("--backend", "opencl");
        assertEquals(2, refused.code(), refused.err());
        String first = refused.err()
                .lines()
                .filter(l -> l.startsWith("fedcot: --backend opencl: "))
                .findFirst()
                .orElse("");
        assertTrue(REASON.matcher(first).find(), refused.err());
        assertFalse(refused.err().contains("\tat "), refused.err());

        Result auto = run("--backend", "auto");
        assertEquals(0, auto.code(), auto.err());
        assertTrue(auto.err().contains("backend: cpu") && auto.err().contains("OpenCL not used: "), auto.err());
        assertTrue(REASON.matcher(auto.err()).find(), auto.err());
        assertTrue(auto.out().strip().endsWith("GFLOP/s"), auto.out());
    }

    private record Result(int code, String out, String err) {}

    /** {@code fedcot bench matmul} of a tiny product in a child JVM whose ICD loader finds no driver. */
    private Result run(String... backend) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules",
                "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "bench",
                "matmul",
                "--m",
                "8",
                "--n",
                "8",
                "--k",
                "8",
                "--repeat",
                "2",
                "--warmup",
                "0"));
        cmd.addAll(List.of(backend));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("OCL_ICD_VENDORS", emptyVendors.toString());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        return new Result(
                p.waitFor(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }
}

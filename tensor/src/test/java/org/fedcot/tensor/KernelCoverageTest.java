package org.fedcot.tensor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.fedcot.tensor.cpu.CpuBackend;
import org.fedcot.tensor.kernels.Kernel;
import org.fedcot.tensor.opencl.OpenClBackend;
import org.fedcot.tensor.opencl.OpenClDevices;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Every backend runs every kernel of {@link Kernel}: a missing twin fails here, not in a run. */
class KernelCoverageTest {

    @Test
    void theCpuBindsEveryKernel() {
        assertRunsEveryKernel(CpuBackend.INSTANCE);
    }

    @Test
    void openClHasATwinOfEveryKernel() {
        String why = OpenClDevices.unavailableReason();
        Assumptions.assumeTrue(why == null, () -> "OpenCL tests skipped: " + why);
        assertRunsEveryKernel(OpenClBackend.open(0));
    }

    private static void assertRunsEveryKernel(Backend backend) {
        List<String> missing = new ArrayList<>();
        for (Kernel k : Kernel.values()) {
            try {
                backend.require(k);
            } catch (IllegalStateException e) {
                missing.add(e.getMessage());
            }
        }
        assertTrue(
                missing.isEmpty(),
                backend.description() + " lacks " + missing.size() + " kernel(s):\n" + String.join("\n", missing));
    }
}

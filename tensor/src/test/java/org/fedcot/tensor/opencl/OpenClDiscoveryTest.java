package org.fedcot.tensor.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fedcot.tensor.Backend;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.cpu.CpuBackend;
import org.fedcot.tensor.ops.Elementwise;
import org.junit.jupiter.api.Test;

/** Backend selection, device discovery, the one-line refusals, and arrays moving between host and device. */
class OpenClDiscoveryTest {

    @Test
    void cpuNeedsNoDeviceAndUnknownBackendsAreNamed() {
        BackendChoice cpu = BackendChoice.resolve("cpu", 0);
        assertSame(CpuBackend.INSTANCE, cpu.backend());
        assertTrue(cpu.note().startsWith("backend: cpu ("), cpu.note());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> BackendChoice.resolve("cuda", 0));
        assertEquals("--backend: unknown backend 'cuda'; available: cpu, opencl, auto", e.getMessage());
    }

    @Test
    void autoTakesTheDeviceWhenThereIsOneAndSaysWhyNotOtherwise() {
        BackendChoice auto = BackendChoice.resolve("auto", 0);
        String why = OpenClDevices.unavailableReason();
        if (why == null) {
            assertSame(OpenClBackend.open(0), auto.backend());
            assertTrue(auto.note().startsWith("backend: opencl: "), auto.note());
        } else {
            assertSame(CpuBackend.INSTANCE, auto.backend());
            assertTrue(auto.note().contains("OpenCL not used: " + why), auto.note());
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> BackendChoice.resolve("opencl", 0));
            assertEquals("--backend opencl: " + why, e.getMessage());
        }
    }

    @Test
    void aMissingDeviceNumberIsRefusedInOneLine() {
        OpenClTestSupport.deviceOrSkip();
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> BackendChoice.resolve("opencl", 99));
        assertTrue(e.getMessage().startsWith("--backend opencl: no OpenCL device 99: "), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void resultsStayOnTheDeviceUntilTheHostReadsThem() {
        OpenClBackend device = OpenClTestSupport.deviceOrSkip();
        Tensor sum = OpenClTestSupport.on(device, () -> {
            Tensor a = Tensor.of(new float[] {1, 2, 3}, 3);
            Tensor b = Tensor.of(new float[] {10, 20, 30}, 3);
            long down = device.bytesDownloaded();
            Tensor s = Elementwise.add(a, b);
            assertEquals(down, device.bytesDownloaded(), "a kernel's output is not brought home by itself");
            assertEquals(0f, s.storage()[0], "the host array is stale until read");
            assertEquals(33f, s.get(2));
            assertEquals(down + 12, device.bytesDownloaded());
            return Elementwise.add(s, s); // left on the device when the CPU takes over
        });
        assertSame(CpuBackend.INSTANCE, Backend.current());
        assertEquals(22f, sum.storage()[0], "switching back to the CPU brings every array home");
    }
}

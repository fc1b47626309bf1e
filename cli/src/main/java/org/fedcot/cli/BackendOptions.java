package org.fedcot.cli;

import java.io.PrintWriter;
import org.fedcot.tensor.Backend;
import org.fedcot.tensor.opencl.BackendChoice;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code --backend cpu|opencl|auto} and {@code --device N}, shared by the commands that compute. */
public final class BackendOptions {
    @Option(
            names = "--backend",
            defaultValue = "cpu",
            paramLabel = "cpu|opencl|auto",
            description = "What runs the kernels: the CPU, an OpenCL device, or OpenCL when one exists and the CPU"
                    + " otherwise (default: ${DEFAULT-VALUE}).")
    String backend;

    @Option(
            names = "--device",
            defaultValue = "0",
            paramLabel = "N",
            description =
                    "Which OpenCL device, counting every platform's devices in order (default: ${DEFAULT-VALUE}).")
    int device;

    /**
     * Makes the chosen backend the process's; unless it is the default CPU, says in one line on stderr
     * which it is (or why {@code auto} fell back to the CPU).
     *
     * @return the backend now in use
     * @throws ParameterException with a one-line reason when the backend cannot be had
     */
    public Backend apply(CommandSpec spec) {
        BackendChoice choice;
        try {
            choice = BackendChoice.resolve(backend, device);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        choice.apply();
        if (!"cpu".equalsIgnoreCase(backend)) { // the default stays as quiet as before there were backends
            PrintWriter err = spec.commandLine().getErr();
            err.println(choice.note());
            err.flush();
        }
        return choice.backend();
    }
}

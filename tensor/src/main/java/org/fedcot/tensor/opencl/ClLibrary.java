package org.fedcot.tensor.opencl;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The system's OpenCL ICD loader, opened through the Foreign Function &amp; Memory API: no JNI
 * library of ours. The loader dispatches to whichever drivers are installed (PoCL on a CPU, a GPU
 * vendor's driver).
 */
final class ClLibrary {
    /** Debian ships only the versioned name unless the -dev package is installed. */
    private static final String[] NAMES = {"libOpenCL.so.1", System.mapLibraryName("OpenCL")};

    static final ValueLayout.OfInt CL_INT = ValueLayout.JAVA_INT;
    static final ValueLayout.OfLong CL_ULONG = ValueLayout.JAVA_LONG;
    static final ValueLayout.OfLong SIZE_T = ValueLayout.JAVA_LONG;
    static final ValueLayout PTR = ValueLayout.ADDRESS;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LOOKUP = open();

    private ClLibrary() {}

    /** Whether a libOpenCL was found; when not, {@link #function} must not be called. */
    static boolean loaded() {
        return LOOKUP != null;
    }

    /** A downcall handle for {@code name}; {@code critical} ones may take Java heap arrays. */
    static MethodHandle function(String name, boolean critical, FunctionDescriptor descriptor) {
        if (LOOKUP == null) {
            throw new IllegalStateException("no OpenCL library (libOpenCL.so.1) on this machine");
        }
        MemorySegment symbol = LOOKUP.find(name)
                .orElseThrow(() -> new IllegalStateException("libOpenCL has no " + name + " (OpenCL 1.2 is needed)"));
        return critical
                ? LINKER.downcallHandle(symbol, descriptor, Linker.Option.critical(true))
                : LINKER.downcallHandle(symbol, descriptor);
    }

    /** Shorthand for a function returning a cl_int status. */
    static FunctionDescriptor status(MemoryLayout... args) {
        return FunctionDescriptor.of(CL_INT, args);
    }

    /** Shorthand for a function returning a handle (and reporting errors through its last argument). */
    static FunctionDescriptor handle(MemoryLayout... args) {
        return FunctionDescriptor.of(PTR, args);
    }

    /** Rethrows what a downcall threw: runtime exceptions and errors as they are, anything else wrapped. */
    static RuntimeException unchecked(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    private static SymbolLookup open() {
        for (String name : NAMES) {
            try {
                return SymbolLookup.libraryLookup(name, Arena.global());
            } catch (IllegalArgumentException notHere) {
                // try the next spelling
            }
        }
        return null;
    }
}

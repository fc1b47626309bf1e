package org.fedcot.tensor.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every kernel family's bytecode stays in the subset a GPU compiler takes (see {@link PortableSubset}). */
class PortableSubsetTest {

    @Test
    void everyKernelFamilyStaysInTheSubset() {
        Set<Class<?>> families = new LinkedHashSet<>();
        for (Kernel k : Kernel.values()) {
            families.add(k.family());
        }
        List<String> found = new ArrayList<>();
        for (Class<?> family : families) {
            found.addAll(PortableSubset.violations(family));
        }
        assertTrue(found.isEmpty(), "kernels outside the portable subset:\n" + String.join("\n", found));
    }

    @Test
    void theCheckSeesAllocationThrowsObjectsAndRecursion() {
        List<String> found = PortableSubset.violations(OutsideTheSubset.class);
        assertEquals(
                List.of(
                        "OutsideTheSubset.allocates: allocates an array of FLOAT",
                        "OutsideTheSubset.throwsOnBadInput: allocates a java/lang/IllegalArgumentException",
                        "OutsideTheSubset.throwsOnBadInput: calls java/lang/IllegalArgumentException.<init>",
                        "OutsideTheSubset.throwsOnBadInput: throws",
                        "OutsideTheSubset.touchesAnObject: calls java/lang/StringBuilder.append",
                        "OutsideTheSubset.recursesThroughAHelper: recurses",
                        "OutsideTheSubset.helper: recurses"),
                found.stream().sorted((a, b) -> order(a) - order(b)).toList());
    }

    /** Declaration order of the offending method in {@link OutsideTheSubset}, then the line as found. */
    private static int order(String line) {
        String[] names = {"allocates", "throwsOnBadInput", "touchesAnObject", "recursesThroughAHelper", "helper"};
        String method = line.substring(line.indexOf('.') + 1, line.indexOf(':'));
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(method)) {
                return i;
            }
        }
        return names.length;
    }

    /** Kernels written the way the subset forbids, one fault each, and one ({@code fine}) that stays in it. */
    static final class OutsideTheSubset {
        private OutsideTheSubset() {}

        static void allocates(float[] out, int lo, int hi) {
            float[] tmp = new float[hi - lo];
            for (int i = lo; i < hi; i++) {
                out[i] = tmp[i - lo];
            }
        }

        static void throwsOnBadInput(float[] out, int lo, int hi) {
            if (lo > hi) {
                throw new IllegalArgumentException();
            }
        }

        static void touchesAnObject(StringBuilder sb, int lo, int hi) {
            sb.append(lo);
        }

        static void recursesThroughAHelper(float[] out, int lo, int hi) {
            helper(out, lo, hi);
        }

        static void helper(float[] out, int lo, int hi) {
            if (lo < hi) {
                recursesThroughAHelper(out, lo + 1, hi);
            }
        }

        static void fine(float[] out, int lo, int hi) {
            for (int i = lo; i < hi; i++) {
                out[i] = (float) Math.exp(out[i]);
            }
        }
    }
}

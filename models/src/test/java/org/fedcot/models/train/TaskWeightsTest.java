package org.fedcot.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Task weights are data: the order their tasks were listed in changes nothing a run records or compares. */
class TaskWeightsTest {
    /** Weights of "encoder" and "decoder", listed in the order given. */
    private static TaskWeights listed(String first, double a, String second, double b) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(first, a);
        m.put(second, b);
        return TaskWeights.of(m);
    }

    @Test
    void weightsListedInAnotherOrderAreEqualAndPrintTheSame() {
        TaskWeights ab = listed("encoder", 0.3, "decoder", 0.7);
        TaskWeights ba = listed("decoder", 0.7, "encoder", 0.3);
        assertEquals(ab, ba);
        assertEquals(ab.hashCode(), ba.hashCode());
        assertEquals("decoder=0.7,encoder=0.3", ab.toString());
        assertEquals(ab.toString(), ba.toString());
        assertEquals(
                TrainerConfig.builder(1).taskWeights(ab).build().trajectory(),
                TrainerConfig.builder(1).taskWeights(ba).build().trajectory());
        assertNotEquals(ab, listed("encoder", 0.7, "decoder", 0.3));
    }

    @Test
    void whatToStringPrintsParsesBackInAnyOrder() {
        TaskWeights w = TaskWeights.fedCot(0.4);
        assertEquals(w, TaskWeights.parse(w.toString()));
        assertEquals(w, TaskWeights.parse("rationale=0.4,label=0.6"));
        assertEquals(TaskWeights.uniform(), TaskWeights.parse("uniform"));
        for (String bad : new String[] {"", "label", "label=x", "=0.5", "label=0.5,label=0.5", "label=-1"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TaskWeights.parse(bad));
            assertTrue(e.getMessage().startsWith("task weights: "), e.getMessage());
        }
    }
}

package org.fedcot.eval.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class AccuracyTest {
    @Test
    void valueIntervalAndSummary() {
        Accuracy a = new Accuracy(6, 10);
        assertEquals(0.6, a.value());
        assertEquals(WilsonInterval.of95(6, 10), a.interval());
        assertEquals("0.6000 (95% CI 0.3127-0.8318, n=10)", a.summary());
    }

    @Test
    void countsTheAcceptedItems() {
        assertEquals(new Accuracy(2, 5), Accuracy.count(List.of(1, 2, 3, 4, 5), i -> i % 2 == 0));
        assertThrows(IllegalArgumentException.class, () -> Accuracy.count(List.of(), i -> true));
        assertThrows(IllegalArgumentException.class, () -> new Accuracy(3, 2));
    }
}

package org.fedcot.eval.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.fedcot.eval.data.QaExample;
import org.junit.jupiter.api.Test;

class FewShotSamplerTest {
    private static List<QaExample> pool(int n) {
        List<QaExample> pool = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pool.add(new QaExample("p" + i, "question " + i, null, List.of("x", "y"), i % 2));
        }
        return pool;
    }

    @Test
    void drawsDistinctExemplarsNeverTheQuestionItself() {
        List<QaExample> pool = pool(6);
        FewShotSampler s = new FewShotSampler(pool, 5, 3);
        for (QaExample target : pool) {
            List<QaExample> shots = s.exemplars(target);
            assertEquals(5, shots.size());
            assertEquals(5, new HashSet<>(shots).size());
            assertTrue(shots.stream().noneMatch(x -> x.id().equals(target.id())), target.id());
        }
        // same question text under another id (the evaluation file's copy) is excluded too
        QaExample copy = new QaExample("test-7", "question 2", null, List.of("x", "y"), 0);
        assertTrue(s.exemplars(copy).stream().noneMatch(x -> x.question().equals("question 2")));
    }

    @Test
    void seededPerQuestion() {
        List<QaExample> pool = pool(200);
        QaExample target = new QaExample("t", "target?", null, List.of("x", "y"), 0);
        assertEquals(
                new FewShotSampler(pool, 3, 1).exemplars(target), new FewShotSampler(pool, 3, 1).exemplars(target));
        assertNotEquals(
                new FewShotSampler(pool, 3, 1).exemplars(target), new FewShotSampler(pool, 3, 2).exemplars(target));
        assertEquals(List.of(), FewShotSampler.zeroShot().exemplars(target));
    }

    @Test
    void tooSmallAPoolIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> new FewShotSampler(pool(2), 2, 0));
        FewShotSampler s = new FewShotSampler(pool(3), 2, 0);
        // the pool's three questions minus two copies of the target leave one
        QaExample target = new QaExample("p0", "question 1", null, List.of("x", "y"), 0);
        assertThrows(IllegalArgumentException.class, () -> s.exemplars(target));
    }
}

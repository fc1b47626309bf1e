package org.fedcot.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.fedcot.eval.score.Accuracy;
import org.junit.jupiter.api.Test;

class ResultTableTest {
    @Test
    void linesGroupMethodsAndSortEps() {
        ResultTable t = ReportFixtures.table();
        assertEquals(List.of("cqa", "boolq"), t.datasets());
        assertEquals(
                List.of(
                        new MethodLine("FedCoT-E", 1.0),
                        new MethodLine("FedCoT-E", 3.0),
                        new MethodLine("Standalone", null),
                        new MethodLine("Non-Private", null)),
                t.lines());
        assertEquals("FedCoT-E (ε=1)", t.lines().getFirst().label());
        assertEquals("FedCoT-E (ε=0.5)", new MethodLine("FedCoT-E", 0.5).label());
    }

    @Test
    void oneRowPerMethodEpsAndDataset() {
        ResultTable t = ReportFixtures.table();
        assertThrows(
                IllegalArgumentException.class,
                () -> t.add(new ResultRow("FedCoT-E", "cqa", 1.0, new Accuracy(1, 2), null)));
        assertEquals(
                new Accuracy(126, 200),
                t.find("FedCoT-E", 1.0, "boolq").orElseThrow().accuracy());
        assertEquals(true, t.find("Non-Private", null, "boolq").isEmpty());
    }

    @Test
    void rowsAreChecked() {
        Accuracy a = new Accuracy(1, 2);
        assertThrows(IllegalArgumentException.class, () -> new ResultRow(" ", "cqa", null, a, null));
        assertThrows(IllegalArgumentException.class, () -> new ResultRow("m", "cqa", -1.0, a, null));
        assertThrows(IllegalArgumentException.class, () -> new ResultRow("m", "cqa", 1.0, a, 1.5));
    }
}

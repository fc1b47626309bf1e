package org.fedcot.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Snapshots; the interval bounds were checked independently (the closed form evaluated in Python). */
class MarkdownTablesTest {
    @Test
    void accuracyPlusMinus() {
        assertEquals("""
                | Method | cqa | boolq |
                |---|---:|---:|
                | FedCoT-E (ε=1) | 52.00 ± 9.61 | 63.00 ± 6.63 |
                | FedCoT-E (ε=3) | 55.00 ± 9.57 | – |
                | Standalone | 50.00 ± 9.62 | 60.00 ± 6.73 |
                | Non-Private | 60.00 ± 9.43 | – |
                """, MarkdownTables.accuracy(ReportFixtures.table(), CellStyle.PLUS_MINUS));
    }

    @Test
    void accuracyRange() {
        assertEquals("""
                | Method | cqa | boolq |
                |---|---:|---:|
                | FedCoT-E (ε=1) | 52.00 (42.32-61.54) | 63.00 (56.12-69.39) |
                | FedCoT-E (ε=3) | 55.00 (45.24-64.39) | – |
                | Standalone | 50.00 (40.38-59.62) | 60.00 (53.08-66.54) |
                | Non-Private | 60.00 (50.20-69.06) | – |
                """, MarkdownTables.accuracy(ReportFixtures.table(), CellStyle.RANGE));
    }

    @Test
    void tokenRatioOnlyForPerturbingLines() {
        assertEquals("""
                | Method | cqa | boolq |
                |---|---:|---:|
                | FedCoT-E (ε=1) | 0.350 | 0.400 |
                | FedCoT-E (ε=3) | 0.610 | – |
                """, MarkdownTables.tokenRatio(ReportFixtures.table()));
        assertEquals("", MarkdownTables.tokenRatio(new ResultTable()));
    }
}

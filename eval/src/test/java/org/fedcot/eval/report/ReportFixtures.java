package org.fedcot.eval.report;

import org.fedcot.eval.score.Accuracy;

/** A small table in the shape of the paper's: baselines without eps, FedCoT-E at two eps, one cell missing. */
final class ReportFixtures {
    private ReportFixtures() {}

    static ResultTable table() {
        ResultTable t = new ResultTable();
        t.add(new ResultRow("FedCoT-E", "cqa", 3.0, new Accuracy(55, 100), 0.61));
        t.add(new ResultRow("Standalone", "cqa", null, new Accuracy(50, 100), null));
        t.add(new ResultRow("Standalone", "boolq", null, new Accuracy(120, 200), null));
        t.add(new ResultRow("FedCoT-E", "cqa", 1.0, new Accuracy(52, 100), 0.35));
        t.add(new ResultRow("FedCoT-E", "boolq", 1.0, new Accuracy(126, 200), 0.4));
        t.add(new ResultRow("Non-Private", "cqa", null, new Accuracy(60, 100), null));
        return t;
    }
}

package org.fedcot.cli.demo;

import org.fedcot.eval.data.QaExample;

/**
 * One generated word problem: the question with its choices, and the worked rationale a teacher who knows
 * the task would give ("... so 5 + 3 = 8 ... Therefore, the answer is '6'.").
 *
 * @param example   the question, choices and gold answer
 * @param rationale the worked solution, ending the way answer parsers read it
 */
record WordProblem(QaExample example, String rationale) {
}

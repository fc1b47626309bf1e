package org.fedcot.cli.demo;

import org.fedcot.eval.data.QaExample;

/**
 * One question about the demo's world: the question with its choices, and the rationale a teacher who knows
 * the world gives ("A bamok is a kind of bird. Birds eat seeds. Therefore, the answer is 'seeds'.").
 *
 * @param example   the question, choices and gold answer
 * @param rationale the worked answer, ending the way answer parsers read it
 */
record WorldQuestion(QaExample example, String rationale) {}

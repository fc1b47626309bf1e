/** Evaluation: dataset readers, scoring, confidence intervals, reports and charts. */
package org.fedcot.eval;

/**
 * Results of evaluation runs as the paper reports them: a {@link org.fedcot.eval.report.ResultTable} of
 * (method, dataset, eps, accuracy with its confidence interval, TokenRatio) rows, rendered as Markdown
 * tables in the layout of the paper's (methods down, datasets across), a JSON file with every number,
 * and PNG charts.
 */
package org.fedcot.eval.report;

package org.fedcot.models.tokenizer.hf;

/**
 * What is wrong with a tokenizer file, said without the file's name: the readers throw it from
 * deep inside the JSON and the entry points turn it into a {@code TokenizerException} that names
 * the file.
 */
final class FormatProblem extends Exception {
    private static final long serialVersionUID = 1L;

    FormatProblem(String problem) {
        super(problem);
    }
}

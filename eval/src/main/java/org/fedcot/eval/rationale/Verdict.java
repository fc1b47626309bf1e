package org.fedcot.eval.rationale;

/** Whether a teacher rationale is kept for distillation and, if not, why not. */
public enum Verdict {
    KEPT("states the gold answer"),
    NO_STATEMENT("states no answer"),
    SEVERAL_OPTIONS("hedges between options"),
    NOT_A_CHOICE("states an answer that is none of the choices"),
    WRONG_ANSWER("states a wrong answer");

    private final String description;

    Verdict(String description) {
        this.description = description;
    }

    /** What the rationale does, in words, e.g. "states a wrong answer". */
    public String description() {
        return description;
    }
}

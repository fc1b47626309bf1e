package org.fedcot.pipeline.prompt;

/**
 * The prompts around the server's rationales, in the reference's layout: the request to the LLM (an
 * instruction, one worked example, then the perturbed question and "Rationale:"; stop at {@code <end>}), and
 * FedCoT-E's in-context decoding on the client's SLM (the same instruction and example, the pair of
 * perturbed question and perturbed rationale as a second example, then the raw question).
 */
public final class RationalePrompts {
    private static final String INSTRUCTION = "Select Answer from Choices and explain it in 'Rationale' with few words."
            + " End the rationale with \"Therefore, the answer is '...'.\" Use " + QuestionText.END
            + " to finish your rationale.\n\n";
    private static final String EXAMPLE = "Question:Where would you put a plate after washing it? \n"
            + "Choices:['cupboard', 'garden', 'oven', 'floor', 'bed']\n"
            + "Rationale:Clean plates are stored in a cupboard until they are used again."
            + " Therefore, the answer is 'cupboard'." + QuestionText.END + "\n\n";

    private RationalePrompts() {}

    /** What the LLM is asked for the (perturbed or raw) question text {@code questionText}. */
    public static String request(String questionText) {
        return INSTRUCTION + EXAMPLE + "Please explain:\nQuestion:" + questionText + "Rationale:";
    }

    /**
     * FedCoT-E's decoding prompt: the SLM continues it with the rationale for {@code rawText}, taking the
     * reasoning of {@code perturbedRationale} (given for {@code perturbedText}) over to the raw question.
     */
    public static String icl(String perturbedText, String perturbedRationale, String rawText) {
        return INSTRUCTION + EXAMPLE + "Question:" + perturbedText + "Rationale:" + perturbedRationale.strip()
                + QuestionText.END + "\n\nQuestion:" + rawText + "Rationale:";
    }
}

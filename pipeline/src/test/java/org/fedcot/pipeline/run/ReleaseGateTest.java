package org.fedcot.pipeline.run;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.fedcot.pipeline.prompt.RationalePrompts;
import org.fedcot.privacy.MechanismKind;
import org.fedcot.privacy.PerturbOptions;
import org.junit.jupiter.api.Test;

/** The gate reads what a prompt keeps of its private question, whatever the caller calls the batch. */
class ReleaseGateTest {
    private static final String RAW =
            "Where would John Blorfington hide 3 keys before the storm? \n" + "Choices:['drawer', 'garden']\n";
    private static final PerturbOptions OPTIONS =
            PerturbOptions.of(MechanismKind.SANTEXT, 3).withKeepStopwords(false);

    private static ReleaseGate gate(boolean allowRaw) {
        return new ReleaseGate(Map.of("p1", RAW), OPTIONS, 0.9, allowRaw);
    }

    private static void send(ReleaseGate gate, String questionText, Exposure exposure) {
        gate.check("rationales-eps3", List.of("p1"), List.of(RationalePrompts.request(questionText)), exposure);
    }

    @Test
    void anIdentityEncoderIsRefusedWhateverItsBatchIsCalled() {
        for (boolean allowRaw : new boolean[] {false, true}) {
            IllegalStateException e =
                    assertThrows(IllegalStateException.class, () -> send(gate(allowRaw), RAW, Exposure.PERTURBED));
            assertEquals(
                    "refusing to send stage rationales-eps3's prompt for private example p1: it holds the raw"
                            + " question verbatim",
                    e.getMessage());
        }
    }

    @Test
    void oneChangedWordStillKeepsTooMuch() {
        String oneChanged = RAW.replace("storm", "rain");
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> send(gate(false), oneChanged, Exposure.PERTURBED));
        // 13 eligible units: where would john blorfington hide 3 keys before the storm choices drawer garden
        assertTrue(
                e.getMessage()
                        .contains("it keeps 12 of the question's 13 eligible words (92%, above"
                                + " privacy.maxKeptShare 0.9)"),
                e.getMessage());
    }

    @Test
    void aPerturbedQuestionPasses() {
        String perturbed =
                "Whence should Mary Something conceal 512 locks after the rain? \nChoices:['shelf', 'yard']\n";
        assertDoesNotThrow(() -> send(gate(false), perturbed, Exposure.PERTURBED));
    }

    @Test
    void rawBatchesNeedThePermissionAndPublicExamplesAreNotRead() {
        assertThrows(IllegalStateException.class, () -> send(gate(false), RAW, Exposure.RAW_PRIVATE));
        assertDoesNotThrow(() -> send(gate(true), RAW, Exposure.RAW_PRIVATE));
        assertDoesNotThrow(() ->
                gate(false).check("public", List.of("q9"), List.of(RationalePrompts.request(RAW)), Exposure.PUBLIC));
    }
}

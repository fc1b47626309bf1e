package org.fedcot.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The privacy report: counts, the sequential sum, and what it is honest to call it. */
class PrivacyReportTest {
    @Test
    void theJsonHasTheCountsAndTheSequentialSum() throws Exception {
        WordPerturber p = new WordPerturber(
                MadeGlove.table(), PerturbOptions.of(MechanismKind.SANTEXT, 2.5).withNumbers(NumberPolicy.INFERDPT));
        PerturbationCounts counts = PerturbationCounts.ZERO;
        for (int i = 0; i < 3; i++) {
            counts = counts.plus(p.perturb("The doctor treated 12 patients at the hospital.", new SplittableRandom(i))
                    .counts());
        }
        JsonNode json =
                new ObjectMapper().readTree(PrivacyReport.of(p, counts, 3, 77).toJson());
        assertEquals("santext", json.get("mechanism").asText());
        assertEquals("word", json.get("level").asText());
        assertEquals(2.5, json.get("epsilonPerUnit").asDouble());
        assertEquals(3, json.get("texts").asLong());
        assertEquals(21, json.get("units").asLong()); // 7 words a text; "12" is a number
        assertEquals(12, json.get("perturbed").asLong()); // doctor, treated, patients, hospital
        assertEquals(9, json.get("passedThrough").asLong());
        assertEquals(3, json.get("numbersReplaced").asLong());
        assertEquals(30, json.get("totalEpsilon").asDouble(), 1e-12);
        assertEquals("EPSILON_DP", json.get("guarantee").asText());
        assertEquals(77, json.get("seed").asLong());
    }

    @Test
    void theSummaryNamesTheGuaranteeHonestly() {
        PerturbationCounts counts = new PerturbationCounts(20, 12, 9, 0, 1, 0, 0);
        String san =
                PrivacyReport.of(perturber(MechanismKind.SANTEXT), counts, 1, 1).summary();
        assertEquals(
                "privacy: santext, eps 3 per word; 12 of 20 words perturbed (9 changed) in 1 text; 36-DP in total"
                        + " under sequential composition (eps-DP per word over the whole vocabulary); 8 words passed through"
                        + " unchanged; WARNING: 1 sensitive words have no embedding and were released unchanged",
                san);
        String ran =
                PrivacyReport.of(perturber(MechanismKind.RANTEXT), counts, 2, 1).summary();
        assertTrue(ran.contains("in 2 texts; eps summed over draws 36, not a DP bound (no proven DP bound"), ran);
        String cus =
                PrivacyReport.of(perturber(MechanismKind.CUSTEXT), counts, 1, 1).summary();
        assertTrue(cus.contains("eps summed over draws 36, a ratio bound only where the per-word one holds"), cus);
    }

    private static TextPerturber perturber(MechanismKind kind) {
        return new WordPerturber(Fixtures.small(), PerturbOptions.of(kind, 3));
    }
}

package org.fedcot.eval.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import org.fedcot.testing.SharedFiles;
import org.junit.jupiter.api.Test;

/** Every dataset file in ../shared/data reads with the README's record count and known records. */
class SharedDatasetsTest {

    private static List<QaExample> read(String file, Dataset dataset, int count) throws IOException {
        List<QaExample> examples = DatasetReader.read(SharedFiles.path("data/" + file), dataset);
        assertEquals(count, examples.size(), file);
        assertEquals(count, new HashSet<>(examples.stream().map(QaExample::id).toList()).size(), file + ": ids unique");
        return examples;
    }

    @Test
    void commonsenseQa() throws IOException {
        List<QaExample> train = read("cqa/cqa_train.json", Dataset.CQA, 9741);
        assertEquals(
                new QaExample(
                        "6b819727eb8a670df26a7ffad036c119",
                        "\"There are 10 apples on an apple tree.  Three fall off.  Now there are X apples.\"  What is this an example of?",
                        null,
                        List.of("park", "coloring book", "garden center", "math problem", "gravity"),
                        3),
                train.getFirst());
        // A repeated choice: the gold answer is the first copy.
        assertEquals(
                List.of("bus depot", "beach", "train station", "bridge", "bridge"),
                train.get(1).choices());
        assertEquals(3, train.get(1).answerIndex());
        assertTrue(train.stream().allMatch(e -> e.choices().size() == 5 && e.passage() == null));

        List<QaExample> test = read("cqa/cqa_test.json", Dataset.CQA, 1221);
        QaExample last = test.getLast();
        assertEquals("e7084c166ec67d0f983a26e055e845c6", last.id());
        assertEquals("where is seaweed from?", last.question());
        assertEquals("ocean", last.answerText());
        assertEquals('c', last.answerLetter());
    }

    @Test
    void openBookQa() throws IOException {
        QaExample first = read("obqa/obqa_train.json", Dataset.OBQA, 4957).getFirst();
        assertEquals(
                new QaExample(
                        "7-980",
                        "The sun is responsible for",
                        null,
                        List.of(
                                "puppies learning new tricks",
                                "children growing up and getting old",
                                "flowers wilting in a vase",
                                "plants sprouting, blooming and wilting"),
                        3),
                first);
        QaExample valid = read("obqa/obqa_valid.json", Dataset.OBQA, 500).getLast();
        assertEquals("7-242", valid.id());
        assertEquals("scanning their territory for field mice", valid.answerText());
        QaExample test = read("obqa/obqa_test.json", Dataset.OBQA, 500).getLast();
        assertEquals("7-7", test.id());
        assertEquals(List.of("cold", "water", "heat", "humidity"), test.choices());
        assertEquals(2, test.answerIndex());
    }

    @Test
    void arcEasy() throws IOException {
        List<QaExample> train = read("arc_easy/ARC-Easy-train.jsonl", Dataset.ARC_EASY, 2251);
        assertEquals("Mercury_7220990", train.getFirst().id());
        assertEquals(
                "a bacterial population in the bloodstream", train.getFirst().answerText());
        // Digit labels: answerKey "3" is the third choice.
        QaExample digits = train.get(4);
        assertEquals("NYSEDREGENTS_2006_8_10", digits.id());
        assertEquals("how they formed", digits.answerText());
        assertTrue(train.stream()
                .allMatch(e -> e.choices().size() >= 3 && e.choices().size() <= 5));
        assertEquals(6, train.stream().filter(e -> e.choices().size() == 3).count());

        QaExample valid = read("arc_easy/ARC-Easy-validation.jsonl", Dataset.ARC_EASY, 570)
                .get(8);
        assertEquals("NYSEDREGENTS_2014_8_10", valid.id());
        assertEquals("obtain energy", valid.answerText());
        QaExample test =
                read("arc_easy/ARC-Easy-test.jsonl", Dataset.ARC_EASY, 2376).get(14);
        assertEquals("NYSEDREGENTS_2015_8_28", test.id());
        assertEquals("All living and nonliving material is composed of", test.question());
        assertEquals("elements", test.answerText());
    }

    @Test
    void boolqWithPassages() throws IOException {
        List<QaExample> dev = read("boolq/dev.jsonl", Dataset.BOOLQ, 3270);
        QaExample first = dev.getFirst();
        assertEquals("dev.jsonl:1", first.id());
        assertEquals("does ethanol take more energy make that produces", first.question());
        assertTrue(first.passage().startsWith("All biomass goes through at least some of these steps"));
        assertEquals("no", first.answerText());
        assertTrue(dev.stream().allMatch(e -> e.choices().equals(QaExample.YES_NO) && e.passage() != null));
    }

    @Test
    void boolqWithoutPassagesAsEditRequests() throws IOException {
        QaExample train = read("boolq/no_passage_heddayam/train.jsonl", Dataset.BOOLQ, 9427)
                .getFirst();
        assertEquals(
                QaExample.yesNo("train.jsonl:1", "do iran and afghanistan speak the same language", null, true), train);
        QaExample valid = read("boolq/no_passage_heddayam/validation.jsonl", Dataset.BOOLQ, 3270)
                .getLast();
        assertEquals(
                QaExample.yesNo("validation.jsonl:3270", "will there be a season 5 of shadowhunters", null, false),
                valid);
    }

    @Test
    void boolqInLlmAdaptersFormat() throws IOException {
        List<QaExample> train = read("boolq/llm_adapters_format_fedls/train.json", Dataset.BOOLQ, 9427);
        // The template's "?" is dropped: the question reads as BoolQ's own, as in the edit-request copy.
        assertEquals(
                QaExample.yesNo("train.json[0]", "do iran and afghanistan speak the same language", null, true),
                train.getFirst());
        QaExample test = read("boolq/llm_adapters_format_fedls/test.json", Dataset.BOOLQ, 3270)
                .getLast();
        assertEquals(
                QaExample.yesNo("test.json[3269]", "will there be a season 5 of shadowhunters", null, false), test);
        assertNull(test.passage());
    }

    @Test
    void theTwoBoolqValidationCopiesAgree() throws IOException {
        List<QaExample> edit =
                DatasetReader.read(SharedFiles.path("data/boolq/no_passage_heddayam/validation.jsonl"), Dataset.BOOLQ);
        List<QaExample> adapters =
                DatasetReader.read(SharedFiles.path("data/boolq/llm_adapters_format_fedls/test.json"), Dataset.BOOLQ);
        List<QaExample> dev = DatasetReader.read(SharedFiles.path("data/boolq/dev.jsonl"), Dataset.BOOLQ);
        for (int i = 0; i < dev.size(); i++) {
            assertEquals(dev.get(i).question(), edit.get(i).question());
            assertEquals(dev.get(i).question(), adapters.get(i).question());
            assertEquals(dev.get(i).answerIndex(), edit.get(i).answerIndex());
            assertEquals(dev.get(i).answerIndex(), adapters.get(i).answerIndex());
        }
    }
}

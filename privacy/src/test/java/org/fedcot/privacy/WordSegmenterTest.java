package org.fedcot.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Word spans: what is a word, a number, or neither, with positions that put words back in place. */
class WordSegmenterTest {
    private static String show(String text) {
        return WordSegmenter.segments(text).stream()
                .map(s -> s.kind().name().charAt(0) + ":" + s.text(text))
                .collect(Collectors.joining(" "));
    }

    @Test
    void wordsNumbersAndPunctuation() {
        assertEquals("W:The W:river O:, W:isn't N:3.14 W:km O:- W:long O:!", show("The river, isn't 3.14 km-long!"));
        assertEquals("W:o’clock N:1,000 O:B12 O:covid19 O:( W:café O:)", show("o’clock 1,000 B12 covid19 (café)"));
        assertEquals("N:3 O:. W:Then N:2 O:.. W:end", show("3. Then 2.. end"));
    }

    @Test
    void spansCoverTheTextExceptWhitespace() {
        String text = "  Two\tlines,\nthree  words.  ";
        List<Segment> segments = WordSegmenter.segments(text);
        StringBuilder rebuilt = new StringBuilder(text.replaceAll("\\S", "#"));
        for (Segment s : segments) {
            rebuilt.replace(s.start(), s.end(), s.text(text));
        }
        assertEquals(text, rebuilt.toString());
        assertEquals(List.of(), WordSegmenter.segments(""));
    }
}

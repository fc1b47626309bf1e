package org.fedcot.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.fedcot.eval.score.Accuracy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    @Test
    void writesTablesJsonAndCharts(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("report");
        List<Path> written = Report.write(ReportFixtures.table(), out, CellStyle.PLUS_MINUS);
        assertEquals(
                List.of(
                        "report.md",
                        "results.json",
                        "accuracy.png",
                        "accuracy-vs-eps-cqa.png",
                        "tokenratio-vs-eps-cqa.png",
                        "accuracy-vs-eps-boolq.png",
                        "tokenratio-vs-eps-boolq.png"),
                written.stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(
                Report.markdown(ReportFixtures.table(), CellStyle.PLUS_MINUS),
                Files.readString(out.resolve("report.md")));
        assertTrue(Files.readString(out.resolve("report.md")).contains("## TokenRatio"));
        for (Path p : written.subList(2, written.size())) {
            BufferedImage image = ImageIO.read(p.toFile());
            assertNotNull(image, p + " decodes as an image");
            assertEquals(900, image.getWidth(), p.toString());
            assertEquals(540, image.getHeight(), p.toString());
            assertTrue(hasSeveralColours(image), p + " is not blank");
        }
    }

    @Test
    void tableWithoutEpsHasOnlyTheBarChart(@TempDir Path dir) throws Exception {
        ResultTable t = new ResultTable().add(new ResultRow("Standalone", "obqa", null, new Accuracy(3, 4), null));
        assertEquals(3, Report.write(t, dir, CellStyle.RANGE).size());
        assertEquals(false, Files.readString(dir.resolve("report.md")).contains("TokenRatio"));
        assertThrows(IllegalArgumentException.class, () -> Report.write(new ResultTable(), dir, CellStyle.RANGE));
    }

    private static boolean hasSeveralColours(BufferedImage image) {
        int first = image.getRGB(0, 0);
        int different = 0;
        for (int y = 0; y < image.getHeight(); y += 7) {
            for (int x = 0; x < image.getWidth(); x += 7) {
                different += image.getRGB(x, y) != first ? 1 : 0;
            }
        }
        return different > 100;
    }
}

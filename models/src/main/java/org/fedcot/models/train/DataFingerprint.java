package org.fedcot.models.train;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A digest of a training set (every example's task and tokens, in order, and how they are grouped), saved
 * with a checkpoint so that resuming on other data, which would silently change the data order, is refused.
 */
final class DataFingerprint {
    private DataFingerprint() {}

    /**
     * Hex SHA-256 of the groups' examples. A set of one-example groups digests as its examples alone (as
     * before groups existed, so its older checkpoints still resume); otherwise each group's size precedes it.
     */
    static String of(List<ExampleGroup> groups) {
        MessageDigest sha = sha256();
        boolean grouped = groups.stream().anyMatch(g -> g.examples().size() > 1);
        for (ExampleGroup g : groups) {
            if (grouped) {
                sha.update(ByteBuffer.allocate(Integer.BYTES)
                        .putInt(g.examples().size())
                        .array());
            }
            g.examples().forEach(e -> update(sha, e));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void update(MessageDigest sha, Example e) {
        byte[] task = e.task().getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(3 * Integer.BYTES + task.length + e.length() * Integer.BYTES);
        // lengths first, so that token boundaries between prompt, target and examples are unambiguous
        buf.putInt(task.length).put(task).putInt(e.promptLength()).putInt(e.targetLength());
        for (int i = 0; i < e.length(); i++) {
            buf.putInt(e.token(i));
        }
        sha.update(buf.array());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }
}

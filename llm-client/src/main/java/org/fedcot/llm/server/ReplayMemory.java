package org.fedcot.llm.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Recent responses by idempotency key, so that a client that asks again what it already asked (a run killed
 * while its requests were in flight, then resumed; a retry after a timeout) gets the first answer instead of
 * a second generation. A key still being generated is waited for, holding no place in the batch. Only complete
 * 200 responses are kept, the least recently used dropped first once they hold more than the byte budget;
 * a generation that fails or whose stream the client left keeps nothing, and the next asker generates.
 *
 * <p>The limit: the memory lives in this server process and holds only what fits the budget, so a request
 * repeated after a restart, or after many others pushed it out, is generated again.
 */
final class ReplayMemory {
    private final long maxBytes;
    /** Access order, eldest first; guarded by this. A slot is pending until its future completes. */
    private final Map<String, CompletableFuture<RecordedResponse>> slots = new LinkedHashMap<>(16, 0.75f, true);

    private long bytes;

    ReplayMemory(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * The memory key of a request: its idempotency key, path and body together, so that a key sent again
     * with another body is a new request, not a replay.
     */
    static String key(String idempotencyKey, String path, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((idempotencyKey + "\n" + path + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /**
     * What to do with a request whose memory key is {@code key}: replay a kept response (waiting for one
     * being generated), or generate, owning the key until {@link Claim#finish} is called.
     */
    Claim claim(String key) throws InterruptedException {
        while (true) {
            CompletableFuture<RecordedResponse> slot;
            synchronized (this) {
                slot = slots.get(key);
                if (slot == null) {
                    CompletableFuture<RecordedResponse> mine = new CompletableFuture<>();
                    slots.put(key, mine);
                    return new Claim(this, key, mine, null);
                }
            }
            try {
                RecordedResponse kept = slot.get();
                if (kept != null) {
                    return new Claim(this, key, null, kept);
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException("a replay slot failed", e); // slots complete only with values
            }
            // the first asker kept nothing: its slot is gone, so the next round claims the key
        }
    }

    private synchronized void finish(String key, CompletableFuture<RecordedResponse> slot, RecordedResponse response) {
        if (response == null || response.body().length > maxBytes) {
            slots.remove(key, slot);
            slot.complete(null);
            return;
        }
        bytes += response.body().length;
        slot.complete(response);
        Iterator<CompletableFuture<RecordedResponse>> eldest = slots.values().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            CompletableFuture<RecordedResponse> s = eldest.next();
            if (s.isDone()) {
                bytes -= s.join().body().length;
                eldest.remove();
            }
        }
    }

    /**
     * One request's part: either a kept response to replay, or the duty to generate and then
     * {@link #finish} with what was sent (null when nothing complete was).
     */
    static final class Claim {
        private final ReplayMemory memory;
        private final String key;
        private final CompletableFuture<RecordedResponse> owned;
        private final RecordedResponse replay;

        private Claim(
                ReplayMemory memory, String key, CompletableFuture<RecordedResponse> owned, RecordedResponse replay) {
            this.memory = memory;
            this.key = key;
            this.owned = owned;
            this.replay = replay;
        }

        /** The kept response to send again, or null when this request generates. */
        RecordedResponse replay() {
            return replay;
        }

        /** Keeps {@code response} (null: nothing complete was sent) and wakes those waiting; once per claim. */
        void finish(RecordedResponse response) {
            if (owned != null && !owned.isDone()) {
                memory.finish(key, owned, response);
            }
        }
    }
}

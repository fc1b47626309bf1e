package org.fedcot.llm.client;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads an HTTP Retry-After header: delay seconds ("120") or an HTTP date ("Wed, 21 Oct 2026 07:28:00 GMT"). */
final class RetryAfter {
    private RetryAfter() {}

    /** The wait the header asks for, measured from {@code now}; zero for a past date; empty when absent or unreadable. */
    static Optional<Duration> parse(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String h = header.strip();
        try {
            // some servers send fractional seconds; the RFC says integer, reading both costs nothing
            double seconds = Double.parseDouble(h);
            if (!(seconds >= 0) || Double.isInfinite(seconds)) {
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos((long) Math.min(seconds * 1e9, Long.MAX_VALUE)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                Duration d = Duration.between(now, at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }
}

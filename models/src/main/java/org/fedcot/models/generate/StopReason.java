package org.fedcot.models.generate;

/** Why a generation ended. */
public enum StopReason {
    /** It produced the most tokens it was allowed. */
    MAX_TOKENS,
    /** It drew a stop token (end of sequence); that token is not part of the result. */
    STOP_TOKEN,
    /** A stop string appeared in the text; the text was cut before it. */
    STOP_STRING
}

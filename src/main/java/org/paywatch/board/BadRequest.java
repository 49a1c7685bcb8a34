package org.paywatch.board;

/** A request the board cannot answer as asked (an unknown level, say): 400 with this sentence. */
final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
        super(message);
    }
}

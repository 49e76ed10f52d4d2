package com.smartlinkauto.storage.node;

/** A node did not do what was asked; {@link Kind} says whether another replica may help. */
public class NodeException extends RuntimeException {

    public enum Kind {
        /** connection refused, reset, timed out */
        UNREACHABLE,
        /** the node does not hold the chunk (any more) */
        NOT_FOUND,
        /** the node found its copy corrupted and quarantined it */
        CORRUPTED,
        /** any other wrong answer */
        ERROR
    }

    private final Kind kind;

    public NodeException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}

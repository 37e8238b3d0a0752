package io.netspectra.query;

/** A comparison operator of expressions and rules: {@code > >= < <= == !=} ({@code =} is {@code ==}). */
public enum Comparison {
    GT(">"), GE(">="), LT("<"), LE("<="), EQ("=="), NE("!=");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** Returns the operator written {@code text} ({@code =} and {@code ==} both mean equal), or null. */
    public static Comparison bySymbol(String text) {
        if (text.equals("=")) {
            return EQ;
        }
        for (Comparison c : values()) {
            if (c.symbol.equals(text)) {
                return c;
            }
        }
        return null;
    }

    /** Returns whether {@code value <op> threshold} holds. */
    public boolean test(long value, long threshold) {
        return switch (this) {
            case GT -> value > threshold;
            case GE -> value >= threshold;
            case LT -> value < threshold;
            case LE -> value <= threshold;
            case EQ -> value == threshold;
            case NE -> value != threshold;
        };
    }
}

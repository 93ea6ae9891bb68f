package org.solrpersonalize.trainer.clicks;

/**
 * One document of an impression with its {@code [personalize]} object: the model that scored it,
 * the final score, the three parts and, when the page was interleaved, its team ({@code active} or
 * {@code candidate}; null otherwise). {@code score} is NaN and parts are null when not logged.
 */
public record ShownDocument(
    String id,
    String model,
    double score,
    ScorePart text,
    ScorePart dot,
    ScorePart cluster,
    Team team) {
  public ShownDocument {
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("a shown document needs an id");
    }
  }

  /** Whether the three parts are all logged (what fit-weights learns from). */
  public boolean hasParts() {
    return text != null && dot != null && cluster != null;
  }

  /** The team of an interleaved page. */
  public enum Team {
    ACTIVE,
    CANDIDATE;

    /** The value in the log ({@code active}, {@code candidate}). */
    public String logValue() {
      return this == ACTIVE ? "active" : "candidate";
    }

    /** The team of a logged value; null for any other. */
    public static Team ofLogValue(String value) {
      for (Team t : values()) {
        if (t.logValue().equals(value)) {
          return t;
        }
      }
      return null;
    }
  }
}

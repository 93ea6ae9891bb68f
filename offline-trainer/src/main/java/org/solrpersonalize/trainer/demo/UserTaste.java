package org.solrpersonalize.trainer.demo;

/**
 * A simulated user's planted taste: indexes into {@code CatalogVocabulary.segments()}; {@code
 * secondary} is {@link #NONE} for users with one segment only.
 */
public record UserTaste(int primary, int secondary) {
  public static final int NONE = -1;

  public UserTaste {
    if (primary < 0) {
      throw new IllegalArgumentException("primary segment must be >= 0, got " + primary);
    }
    if (secondary < NONE || secondary == primary) {
      throw new IllegalArgumentException(
          "secondary segment must be NONE or differ from primary "
              + primary
              + ", got "
              + secondary);
    }
  }

  public boolean hasSecondary() {
    return secondary != NONE;
  }
}

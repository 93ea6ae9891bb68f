package org.solrpersonalize.trainer.demo;

import java.util.Locale;

/** What a simulated user did with a product; {@link #label()} is the value in the CSV. */
public enum InteractionEvent {
  VIEW,
  CART,
  PURCHASE;

  /**
   * The constant's name in lower case, e.g. {@code view}, as the default {@code --events} weighs
   * it.
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}

package org.solrpersonalize.trainer.demo;

import java.util.Locale;

/** What a simulated user did with a product; {@link #label()} is the value in the CSV. */
public enum InteractionEvent {
  VIEW,
  CART,
  PURCHASE;

  /** The name in lower case, e.g. {@code view}: the events the default {@code --events} weighs. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}

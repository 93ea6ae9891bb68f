package org.solrpersonalize.trainer.demo;

/** What a simulated user did with a product; {@link #label()} is the value in the CSV. */
public enum InteractionEvent {
  VIEW("view"),
  CART("cart"),
  PURCHASE("purchase");

  private final String label;

  InteractionEvent(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}

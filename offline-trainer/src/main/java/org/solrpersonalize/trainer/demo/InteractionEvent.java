package org.solrpersonalize.trainer.demo;

import org.solrpersonalize.trainer.data.LowerCaseChoice;

/**
 * What a simulated user did with a product; {@link #option()} (e.g. {@code view}) is the value in
 * the CSV and one of the events the default {@code --events} weighs.
 */
public enum InteractionEvent implements LowerCaseChoice {
  VIEW,
  CART,
  PURCHASE
}

package org.solrpersonalize.synthetic;

import java.util.List;

/** Text queries of the generated shop's vocabulary, shared by the benchmark and the demo. */
public final class ShopQueries {
  private ShopQueries() {}

  /**
   * Twenty queries from the generated catalog's vocabulary; each matches thousands of products in a
   * large catalog.
   */
  public static final List<String> TEXT =
      List.of(
          "running shoe",
          "waterproof",
          "espresso machine",
          "coffee beans",
          "black",
          "lightweight tent",
          "sleeping bag",
          "hiking backpack",
          "gaming laptop",
          "wireless headset",
          "yoga mat",
          "stainless steel",
          "organic",
          "chef knife",
          "garden hose",
          "protein bar",
          "stroller",
          "toy train",
          "cast iron",
          "blue");
}

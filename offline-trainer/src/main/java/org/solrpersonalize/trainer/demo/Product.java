package org.solrpersonalize.trainer.demo;

import java.util.List;

/**
 * One catalog product, as one line of {@code catalog.jsonl}:
 *
 * <pre>{@code
 * {"id":"p0000042","title":"Trailmax Waterproof Trail Running Shoe - Men's, Blue",
 *  "description":"This waterproof trail running shoe from Trailmax is built for muddy trails.",
 *  "category":"Running Shoes","brand":"Trailmax","price":119.99,"stock":37,
 *  "tags":["running","footwear","sport","waterproof"],"segment":"runner"}
 * }</pre>
 *
 * {@code segment} is the planted taste segment of the product's category: ground truth, not a
 * catalog attribute a model may read.
 */
public record Product(
    String id,
    String title,
    String description,
    String category,
    String brand,
    double price,
    int stock,
    List<String> tags,
    String segment) {

  public Product {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("product id must not be blank");
    }
    requireText(title, "title", id);
    requireText(category, "category", id);
    requireText(segment, "segment", id);
    if (!(price >= 0) || Double.isInfinite(price)) {
      throw new IllegalArgumentException("product " + id + ": price must be >= 0, got " + price);
    }
    if (stock < 0) {
      throw new IllegalArgumentException("product " + id + ": stock must be >= 0, got " + stock);
    }
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  private static void requireText(String value, String field, String id) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("product " + id + ": " + field + " must not be blank");
    }
  }
}

package org.solrpersonalize.trainer.data;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A product catalog's content, as {@link CatalogLoader} read it: per item, the values of each
 * content field (several for a multi-valued field, none for a missing one).
 *
 * @param items in file order, each id once (the first line of a repeated id wins)
 * @param fingerprint {@code sha256:<hex>} of the file's bytes
 * @param linesRead non-blank data lines (the CSV header not counted)
 * @param rejected bad lines skipped under {@code --max-errors}
 * @param duplicates lines whose id an earlier line already had
 */
public record Catalog(
    List<Item> items, String fingerprint, long linesRead, long rejected, long duplicates) {

  /**
   * One catalog item.
   *
   * @param id the item id, as interactions name it
   * @param values per content field, its values in file order (empty when the line has none)
   */
  public record Item(String id, Map<String, List<String>> values) {
    public Item {
      Objects.requireNonNull(id, "id");
      values = Map.copyOf(values);
    }

    /** The values of {@code field}, empty when the item has none. */
    public List<String> get(String field) {
      return values.getOrDefault(field, List.of());
    }
  }

  public Catalog {
    items = List.copyOf(items);
  }

  /** Row of each item id in {@link #items}. */
  public Map<String, Integer> rows() {
    Map<String, Integer> rows = new HashMap<>(items.size() * 2);
    for (int i = 0; i < items.size(); i++) {
      rows.put(items.get(i).id(), i);
    }
    return rows;
  }
}

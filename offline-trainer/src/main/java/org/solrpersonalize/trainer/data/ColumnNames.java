package org.solrpersonalize.trainer.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Names of the input columns (CSV/TSV header names or JSONL field names). Only user and item are
 * required; weight, timestamp and event are used when present.
 *
 * <p>Example: {@code ColumnNames.parse("user=customer_id,item=sku")} keeps the other defaults.
 */
public record ColumnNames(String user, String item, String weight, String timestamp, String event) {
  public static final ColumnNames DEFAULT =
      new ColumnNames("user", "item", "weight", "timestamp", "event");

  public ColumnNames {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("user", user);
    all.put("item", item);
    all.put("weight", weight);
    all.put("timestamp", timestamp);
    all.put("event", event);
    for (Map.Entry<String, String> e : all.entrySet()) {
      if (e.getValue() == null || e.getValue().isBlank()) {
        throw new BadInputException("column name for '" + e.getKey() + "' must not be empty");
      }
    }
    if (all.values().stream().distinct().count() != all.size()) {
      throw new BadInputException("column names must be distinct, got " + all);
    }
  }

  /**
   * Parses {@code role=name,...} pairs over the defaults; roles are user, item, weight, timestamp,
   * event.
   */
  public static ColumnNames parse(String spec) {
    Map<String, String> names = new LinkedHashMap<>();
    names.put("user", DEFAULT.user);
    names.put("item", DEFAULT.item);
    names.put("weight", DEFAULT.weight);
    names.put("timestamp", DEFAULT.timestamp);
    names.put("event", DEFAULT.event);
    if (spec != null && !spec.isBlank()) {
      for (String pair : spec.split(",")) {
        int eq = pair.indexOf('=');
        String role = eq < 0 ? pair.trim() : pair.substring(0, eq).trim().toLowerCase(Locale.ROOT);
        if (eq < 0 || !names.containsKey(role)) {
          throw new BadInputException(
              "--columns: expected role=name with role one of "
                  + String.join(", ", names.keySet())
                  + ", got '"
                  + pair.trim()
                  + "'");
        }
        names.put(role, pair.substring(eq + 1).trim());
      }
    }
    return new ColumnNames(
        names.get("user"),
        names.get("item"),
        names.get("weight"),
        names.get("timestamp"),
        names.get("event"));
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "user=%s,item=%s,weight=%s,timestamp=%s,event=%s",
        user,
        item,
        weight,
        timestamp,
        event);
  }

  /**
   * {@code "has no column 'item' (columns: user, weight)"} for the first of the required columns
   * (user, then item) that {@code present} lacks, or null when it has both: the header check both
   * engines make, each putting where the columns came from first.
   */
  public String missingRequiredProblem(List<String> present) {
    for (String required : new String[] {user, item}) {
      if (!present.contains(required)) {
        return String.format(
            Locale.ROOT, "has no column '%s' (columns: %s)", required, String.join(", ", present));
      }
    }
    return null;
  }
}

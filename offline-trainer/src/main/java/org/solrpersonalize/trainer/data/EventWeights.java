package org.solrpersonalize.trainer.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps event types to interaction weights, used when the input has an event column and no weight
 * column. Example: {@code EventWeights.parse("view=1,cart=3,purchase=5")}.
 */
public record EventWeights(Map<String, Float> weights) {
  public static final EventWeights DEFAULT = parse("view=1,cart=3,purchase=5");

  public EventWeights {
    if (weights == null || weights.isEmpty()) {
      throw new BadInputException("--events: at least one event=weight pair is needed");
    }
    for (Map.Entry<String, Float> e : weights.entrySet()) {
      float w = e.getValue();
      if (!Float.isFinite(w) || w < 0) {
        throw new BadInputException(
            "--events: weight of '" + e.getKey() + "' must be a finite number >= 0, got " + w);
      }
      if (w > LineParser.MAX_WEIGHT) {
        throw new BadInputException(
            "--events: weight of '" + e.getKey() + "' is above 1e8, the largest weight, got " + w);
      }
    }
    weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
  }

  /** Parses {@code event=weight,...}. */
  public static EventWeights parse(String spec) {
    Map<String, Float> map = new LinkedHashMap<>();
    for (String pair : spec.split(",")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? "" : pair.substring(0, eq).trim();
      if (name.isEmpty()) {
        throw new BadInputException("--events: expected event=weight, got '" + pair.trim() + "'");
      }
      String value = pair.substring(eq + 1).trim();
      try {
        map.put(name, Float.parseFloat(value));
      } catch (NumberFormatException e) {
        throw new BadInputException(
            "--events: weight of '" + name + "' is not a number: '" + value + "'");
      }
    }
    return new EventWeights(map);
  }

  /** The weight of an event, or NaN when the event is unknown. */
  public float weightOf(String event) {
    Float w = weights.get(event);
    return w == null ? Float.NaN : w;
  }

  public String knownEvents() {
    return String.join(", ", weights.keySet());
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    weights.forEach(
        (k, v) -> {
          if (sb.length() > 0) {
            sb.append(',');
          }
          sb.append(k).append('=').append(v % 1 == 0 ? String.valueOf(v.intValue()) : v.toString());
        });
    return sb.toString();
  }
}

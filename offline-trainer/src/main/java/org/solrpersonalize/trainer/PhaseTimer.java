package org.solrpersonalize.trainer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wall-clock seconds per training phase, in order, rounded to hundredths: the {@code timings} of a
 * model's manifest, measured alike by the local and the Spark engine. Not thread-safe.
 */
public final class PhaseTimer {
  private final Map<String, Double> seconds = new LinkedHashMap<>();
  private long last = System.nanoTime();

  /** Records the time since the previous lap (or since construction) as {@code phase}. */
  public void lap(String phase) {
    long now = System.nanoTime();
    seconds.put(phase, Math.round((now - last) / 1e7) / 100.0);
    last = now;
  }

  /** The phases recorded so far, in order (live view). */
  public Map<String, Double> seconds() {
    return seconds;
  }
}

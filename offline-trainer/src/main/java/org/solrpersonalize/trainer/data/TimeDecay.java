package org.solrpersonalize.trainer.data;

import java.io.Serializable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Decay of each event's weight by its age ({@code --half-life DAYS}, {@code --as-of T}): an event
 * {@code age} days older than the reference time weighs {@code w * 0.5^(age / halfLifeDays)}. The
 * reference is {@code asOf}, or the newest event of the log when it is null. Applied per event
 * before repeated (user, item) pairs are summed, so a pair's weight is the sum of its decayed
 * events. Every event then needs a timestamp, and none may be later than {@code asOf}: either is a
 * {@code file:line} error. An event so old that its weight underflows a float keeps the smallest
 * positive weight: it still happened (a positive with confidence about 1), it just adds no
 * confidence.
 *
 * <p>Example: {@code new TimeDecay(30, null)} halves the weight of a 30-day-old event relative to
 * the newest one.
 *
 * @param halfLifeDays days after which an event weighs half, finite and > 0
 * @param asOfMillis reference time in epoch milliseconds, or null for the newest event
 */
public record TimeDecay(double halfLifeDays, Long asOfMillis) implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final double MILLIS_PER_DAY = 86_400_000.0;

  public TimeDecay {
    if (!(halfLifeDays > 0) || Double.isInfinite(halfLifeDays)) {
      throw new BadInputException(
          "--half-life must be a finite number of days > 0, got " + halfLifeDays);
    }
  }

  /**
   * Parses {@code --as-of} like the log's timestamps: epoch seconds or milliseconds, or ISO-8601.
   */
  public static long parseAsOf(String text) {
    try {
      return TimestampParser.parse(text.trim());
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--as-of: " + e.getMessage());
    }
  }

  /** The settings for the manifest: {@code halfLifeDays} and {@code asOf} (ISO-8601 or newest). */
  public Map<String, String> settings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("halfLifeDays", formatDays(halfLifeDays));
    settings.put("asOf", asOfMillis == null ? "newest event" : instant(asOfMillis));
    return settings;
  }

  /** The multiplier of an event {@code ageMillis} older than the reference. */
  double factor(long ageMillis) {
    return Math.pow(0.5, ageMillis / (halfLifeDays * MILLIS_PER_DAY));
  }

  /**
   * Decays every buffered weight by its age.
   *
   * @param newest the latest timestamp of the buffer, the reference when {@code asOfMillis} is null
   */
  void apply(InteractionBuffer buffer, long newest) {
    long reference = reference(() -> newest);
    float[] weights = buffer.weights();
    long[] times = buffer.timestamps();
    for (int i = 0; i < buffer.size(); i++) {
      weights[i] = decay(weights[i], times[i], reference);
    }
  }

  /**
   * The time ages are measured from: {@code asOfMillis}, else {@code newest}, the log's latest,
   * asked for only then (an engine may need a pass over its rows to find it).
   */
  public long reference(LongSupplier newest) {
    return asOfMillis == null ? newest.getAsLong() : asOfMillis;
  }

  /**
   * One event's decayed weight, never below the smallest positive float: public so that an engine
   * that decays where the rows are (the Spark engine) computes the same floats.
   *
   * @param reference from {@link #reference}
   */
  public float decay(float weight, long timestamp, long reference) {
    float decayed = (float) (weight * factor(reference - timestamp));
    return decayed > 0f ? decayed : Float.MIN_VALUE;
  }

  /**
   * Why a line cannot be decayed, or null: it has no time, or a time after {@code asOfMillis}.
   * Worded for a {@code file:line: } prefix, alike on both engines.
   */
  public String problem(long timestamp) {
    if (timestamp == ParsedLine.NO_TIMESTAMP) {
      return "no timestamp, and --half-life needs one on every event";
    }
    if (asOfMillis != null && timestamp > asOfMillis) {
      return "timestamp " + instant(timestamp) + " is after --as-of " + instant(asOfMillis);
    }
    return null;
  }

  static String instant(long millis) {
    return Instant.ofEpochMilli(millis).toString();
  }

  private static String formatDays(double days) {
    return days % 1 == 0 && Math.abs(days) < 1e15
        ? String.valueOf((long) days)
        : String.format(Locale.ROOT, "%s", days);
  }
}

package org.solrpersonalize.solr.cache;

import java.util.Locale;

/**
 * How the item-factor cache holds a slot's values: the listener's {@code <str name="pz.cache">}
 * (see {@link ItemFactorCacheListener}).
 */
public enum CacheMode {
  /** Factors and log-densities as floats: the docValues' values bit for bit. */
  FLOAT,
  /**
   * Factors as int8 with one scale per item ({@code max |v_i| / 127} rounded up to a bfloat16),
   * log-densities as 6-bit levels below the item's largest one: a quarter of {@link #FLOAT}'s
   * memory per row at k = 64 and K = 16. Each factor is within half a scale step of its float, so a
   * dot product with {@code u} is within {@code scale / 2 * sum |u_i|}; a cluster sum is within
   * 0.137 nats ({@link SlotFactors} has the layout and the bounds).
   */
  INT8,
  /** No cache: every read goes to docValues. */
  OFF;

  /**
   * The mode of a configuration value, ignoring case: {@code float}, {@code int8} or {@code off}.
   */
  public static CacheMode parse(String name, String value) {
    if (value == null || value.isBlank()) {
      return FLOAT;
    }
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "%s must be float, int8 or off, got '%s'", name, value), e);
    }
  }

  /** The configuration value of this mode. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}

package org.solrpersonalize.trainer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Model ids: {@code m<yyyyMMdd-HHmmss>-<6 hex>}, the UTC creation time and the start of the SHA-256
 * of input fingerprint and seed, e.g. {@code m20261122-153012-3fa9c2}. Two models trained in the
 * same second differ when their data or seed differ. Both engines (local and Spark) name models so.
 */
public final class ModelIds {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private ModelIds() {}

  /** The id of a model created at {@code created} from the given input and seed. */
  public static String create(Instant created, String inputFingerprint, long seed) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest((inputFingerprint + "|" + seed).getBytes(StandardCharsets.UTF_8));
      return "m" + TIME.format(created) + "-" + HexFormat.of().formatHex(hash, 0, 3);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}

package org.solrpersonalize.format;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reads and writes a model directory. Layout (format version 1):
 *
 * <pre>
 * manifest.json            {@link ModelManifest}
 * user_ids.txt             one user id per line, row order of the user arrays
 * item_ids.txt             one item id per line, row order of the item arrays
 * user_factors.f32         users x k   little-endian float32, row-major
 * item_factors.f32         items x k
 * item_log_density.f32     items x K   l_ik = log N(v_i | mu_k, Sigma_k)
 * user_log_affinity.f32    users x K   log theta_uk
 * gmm_log_weights.f32      K           log pi_k
 * recent_items.bin         each user's items, most recent first ({@link RecentItems}; optional)
 * </pre>
 *
 * {@value RecentItems#FILE} has its own version in its header: the manifest's format version stays
 * 1, and a directory written before the file existed still reads, without recent items (its
 * profiles are then published without seen items).
 *
 * <p>Loading checks the format version and that every array has the dimensions the manifest states,
 * and names the file that is wrong. Writing refuses, before it creates anything, an id that the id
 * files could not give back: one with a line break (it would read back as two ids) or a lone
 * surrogate (not encodable as UTF-8).
 */
public final class ModelDirectory {
  public static final String MANIFEST = "manifest.json";
  public static final String USER_IDS = "user_ids.txt";
  public static final String ITEM_IDS = "item_ids.txt";
  public static final String USER_FACTORS = "user_factors.f32";
  public static final String ITEM_FACTORS = "item_factors.f32";
  public static final String ITEM_LOG_DENSITY = "item_log_density.f32";
  public static final String USER_LOG_AFFINITY = "user_log_affinity.f32";
  public static final String GMM_LOG_WEIGHTS = "gmm_log_weights.f32";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ModelDirectory() {}

  /**
   * Everything {@code publish} needs, in memory. Arrays are row-major.
   *
   * @param recentItems each user's items, most recent first; null when the directory has none
   */
  public record Model(
      ModelManifest manifest,
      List<String> userIds,
      List<String> itemIds,
      float[] userFactors,
      float[] itemFactors,
      float[] itemLogDensity,
      float[] userLogAffinity,
      float[] gmmLogWeights,
      RecentItems recentItems) {

    public Model {
      if (recentItems != null && recentItems.users() != userIds.size()) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "recent items are of %d users, the model has %d",
                recentItems.users(),
                userIds.size()));
      }
    }

    /** This model with {@code recentItems} (null: none). */
    public Model withRecentItems(RecentItems recentItems) {
      return new Model(
          manifest,
          userIds,
          itemIds,
          userFactors,
          itemFactors,
          itemLogDensity,
          userLogAffinity,
          gmmLogWeights,
          recentItems);
    }

    public int k() {
      return manifest.factors();
    }

    public int clusters() {
      return manifest.clusters();
    }
  }

  public static ObjectMapper json() {
    return JSON;
  }

  public static void write(Path dir, Model model) throws IOException {
    checkIds(USER_IDS, model.userIds());
    checkIds(ITEM_IDS, model.itemIds());
    Files.createDirectories(dir);
    ModelManifest m = model.manifest();
    check(model.userIds().size() == m.users(), USER_IDS, model.userIds().size(), m.users());
    check(model.itemIds().size() == m.items(), ITEM_IDS, model.itemIds().size(), m.items());
    Files.write(dir.resolve(USER_IDS), model.userIds(), StandardCharsets.UTF_8);
    Files.write(dir.resolve(ITEM_IDS), model.itemIds(), StandardCharsets.UTF_8);
    writeFloats(dir.resolve(USER_FACTORS), model.userFactors(), (long) m.users() * m.factors());
    writeFloats(dir.resolve(ITEM_FACTORS), model.itemFactors(), (long) m.items() * m.factors());
    writeFloats(
        dir.resolve(ITEM_LOG_DENSITY), model.itemLogDensity(), (long) m.items() * m.clusters());
    writeFloats(
        dir.resolve(USER_LOG_AFFINITY), model.userLogAffinity(), (long) m.users() * m.clusters());
    writeFloats(dir.resolve(GMM_LOG_WEIGHTS), model.gmmLogWeights(), m.clusters());
    if (model.recentItems() != null) {
      model.recentItems().write(dir, m.items());
    }
    // The manifest goes last: a directory without one is an unfinished write.
    writeManifest(dir, m);
  }

  public static void writeManifest(Path dir, ModelManifest manifest) throws IOException {
    Path tmp = dir.resolve(MANIFEST + ".tmp");
    JSON.writeValue(tmp.toFile(), manifest);
    Files.move(
        tmp,
        dir.resolve(MANIFEST),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  public static ModelManifest readManifest(Path dir) throws IOException {
    Path file = dir.resolve(MANIFEST);
    if (!Files.exists(file)) {
      throw new NoSuchFileException(
          file.toString(), null, "not a model directory (no " + MANIFEST + ")");
    }
    ModelManifest m = JSON.readValue(file.toFile(), ModelManifest.class);
    if (m.formatVersion() != ModelManifest.CURRENT_FORMAT_VERSION) {
      throw new IOException(
          String.format(
              Locale.ROOT,
              "%s: format version %d is not supported (this build reads version %d)",
              file,
              m.formatVersion(),
              ModelManifest.CURRENT_FORMAT_VERSION));
    }
    return m;
  }

  public static Model read(Path dir) throws IOException {
    ModelManifest m = readManifest(dir);
    List<String> users = Files.readAllLines(dir.resolve(USER_IDS), StandardCharsets.UTF_8);
    List<String> items = Files.readAllLines(dir.resolve(ITEM_IDS), StandardCharsets.UTF_8);
    check(users.size() == m.users(), dir.resolve(USER_IDS).toString(), users.size(), m.users());
    check(items.size() == m.items(), dir.resolve(ITEM_IDS).toString(), items.size(), m.items());
    return new Model(
        m,
        users,
        items,
        readFloats(dir.resolve(USER_FACTORS), (long) m.users() * m.factors()),
        readFloats(dir.resolve(ITEM_FACTORS), (long) m.items() * m.factors()),
        readFloats(dir.resolve(ITEM_LOG_DENSITY), (long) m.items() * m.clusters()),
        readFloats(dir.resolve(USER_LOG_AFFINITY), (long) m.users() * m.clusters()),
        readFloats(dir.resolve(GMM_LOG_WEIGHTS), m.clusters()),
        Files.exists(dir.resolve(RecentItems.FILE))
            ? RecentItems.read(dir, m.users(), m.items())
            : null);
  }

  static void writeFloats(Path file, float[] values, long expected) throws IOException {
    check(values.length == expected, file.toString(), values.length, expected);
    ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      for (float v : values) {
        if (buf.remaining() < Float.BYTES) {
          out.write(buf.array(), 0, buf.position());
          buf.clear();
        }
        buf.putFloat(v);
      }
      out.write(buf.array(), 0, buf.position());
    }
  }

  static float[] readFloats(Path file, long expected) throws IOException {
    long size = Files.size(file);
    if (size != expected * Float.BYTES) {
      throw new IOException(
          String.format(
              Locale.ROOT,
              "%s: has %d bytes, the manifest implies %d (%d floats)",
              file,
              size,
              expected * Float.BYTES,
              expected));
    }
    float[] out = new float[(int) expected];
    byte[] chunk = new byte[1 << 16];
    try (InputStream in = new DataInputStream(Files.newInputStream(file))) {
      int index = 0;
      int n;
      int carry = 0;
      while ((n = in.read(chunk, carry, chunk.length - carry)) > 0) {
        int available = carry + n;
        int whole = available - available % Float.BYTES;
        ByteBuffer view = ByteBuffer.wrap(chunk, 0, whole).order(ByteOrder.LITTLE_ENDIAN);
        while (view.hasRemaining()) {
          out[index++] = view.getFloat();
        }
        carry = available - whole;
        System.arraycopy(chunk, whole, chunk, 0, carry);
      }
    }
    return out;
  }

  /**
   * @throws IllegalArgumentException naming the file and row of the first id that would not read
   *     back as written
   */
  static void checkIds(String file, List<String> ids) {
    for (int row = 0; row < ids.size(); row++) {
      String id = ids.get(row);
      for (int i = 0; i < id.length(); i++) {
        char c = id.charAt(i);
        String problem = null;
        if (c == '\n' || c == '\r') {
          problem = "contains a line break; ids are stored one per line";
        } else if (Character.isHighSurrogate(c)
            && i + 1 < id.length()
            && Character.isLowSurrogate(id.charAt(i + 1))) {
          i++;
        } else if (Character.isSurrogate(c)) {
          problem = "contains a lone surrogate, which UTF-8 cannot encode";
        }
        if (problem != null) {
          throw new IllegalArgumentException(
              String.format(Locale.ROOT, "%s: the id of row %d %s", file, row, problem));
        }
      }
    }
  }

  private static void check(boolean ok, String what, long actual, long expected) {
    if (!ok) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "%s: has %d entries, expected %d", what, actual, expected));
    }
  }
}

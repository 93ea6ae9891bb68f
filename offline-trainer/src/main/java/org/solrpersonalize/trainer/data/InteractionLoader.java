package org.solrpersonalize.trainer.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code user,item[,weight|event][,timestamp]} logs: CSV or TSV (by extension) with a header
 * naming the columns. An {@code event} column is mapped to weights ({@code view=1,cart=3,
 * purchase=5} by default). Every bad line is reported as {@code file:line: reason}; the first stops
 * the load unless {@code maxErrors} allows more. Duplicate (user, item) pairs are summed.
 *
 * <pre>{@code
 * Interactions data = new InteractionLoader(InteractionLoader.DEFAULT_EVENTS, 0, System.err)
 *     .load(List.of(Path.of("interactions.csv")));
 * }</pre>
 */
public final class InteractionLoader {
  public static final String DEFAULT_EVENTS = "view=1,cart=3,purchase=5";

  private final Map<String, Float> eventWeights;
  private final long maxErrors;
  private final PrintStream log;
  private long errors;
  private long read;
  private long used;

  public InteractionLoader(String events, long maxErrors, PrintStream log) {
    this.eventWeights = parseEvents(events);
    this.maxErrors = maxErrors;
    this.log = log;
  }

  public static Map<String, Float> parseEvents(String spec) {
    Map<String, Float> weights = new LinkedHashMap<>();
    for (String pair : spec.split(",")) {
      String[] kv = pair.split("=");
      try {
        float w = Float.parseFloat(kv[1].trim());
        if (kv.length != 2 || kv[0].isBlank() || !(w >= 0) || Float.isInfinite(w)) {
          throw new NumberFormatException();
        }
        weights.put(kv[0].trim(), w);
      } catch (RuntimeException e) {
        throw new BadInputException("--events: expected name=weight[,name=weight...] with weights"
            + " >= 0, got '" + spec + "'");
      }
    }
    return weights;
  }

  public long linesRead() {
    return read;
  }

  public long linesUsed() {
    return used;
  }

  public long linesRejected() {
    return errors;
  }

  public Interactions load(List<Path> files) throws IOException {
    Map<String, Integer> users = new HashMap<>();
    Map<String, Integer> items = new HashMap<>();
    List<String> userIds = new ArrayList<>();
    List<String> itemIds = new ArrayList<>();
    // (user, item) -> summed weight, packed into a long key.
    Map<Long, Float> cells = new HashMap<>();
    MessageDigest digest = sha256();
    for (Path file : files) {
      // The fingerprint is taken over the exact bytes as they are read.
      try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest);
          BufferedReader reader = new BufferedReader(new InputStreamReader(in,
              StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)))) {
        char sep = file.toString().endsWith(".tsv") ? '\t' : ',';
        String header = reader.readLine();
        if (header == null) {
          throw new BadInputException(file + ":1: empty file, expected a header such as user,item,weight");
        }
        String[] names = header.split(String.valueOf(sep), -1);
        int userCol = column(names, "user");
        int itemCol = column(names, "item");
        int weightCol = column(names, "weight");
        int eventCol = column(names, "event");
        if (userCol < 0 || itemCol < 0) {
          throw new BadInputException(file + ":1: header must name columns 'user' and 'item', got '" + header + "'");
        }
        int lineNo = 1;
        while (true) {
          String line;
          try {
            line = reader.readLine();
          } catch (CharacterCodingException e) {
            reject(file, lineNo + 1, "not valid UTF-8");
            in.transferTo(OutputStream.nullOutputStream()); // the rest still counts for the fingerprint
            break; // the reader cannot resynchronize after a decoding error
          }
          if (line == null) {
            break;
          }
          lineNo++;
          if (line.isBlank()) {
            continue;
          }
          read++;
          String[] f = line.split(String.valueOf(sep), -1);
          int needed = Math.max(Math.max(userCol, itemCol), Math.max(weightCol, eventCol)) + 1;
          if (f.length < needed) {
            reject(file, lineNo, String.format(Locale.ROOT, "expected %d columns, found %d", needed, f.length));
            continue;
          }
          String user = f[userCol].trim();
          String item = f[itemCol].trim();
          if (user.isEmpty() || item.isEmpty()) {
            reject(file, lineNo, user.isEmpty() ? "empty user id" : "empty item id");
            continue;
          }
          float weight = 1f;
          if (weightCol >= 0) {
            try {
              weight = Float.parseFloat(f[weightCol].trim());
            } catch (NumberFormatException e) {
              reject(file, lineNo, "weight '" + f[weightCol].trim() + "' is not a number");
              continue;
            }
            if (!(weight >= 0) || Float.isInfinite(weight)) {
              reject(file, lineNo, "weight " + f[weightCol].trim() + " must be a finite number >= 0");
              continue;
            }
          } else if (eventCol >= 0) {
            Float w = eventWeights.get(f[eventCol].trim());
            if (w == null) {
              reject(file, lineNo, "unknown event '" + f[eventCol].trim() + "' (known: " + eventWeights.keySet() + ")");
              continue;
            }
            weight = w;
          }
          int u = users.computeIfAbsent(user, k -> { userIds.add(k); return userIds.size() - 1; });
          int i = items.computeIfAbsent(item, k -> { itemIds.add(k); return itemIds.size() - 1; });
          cells.merge(((long) u << 32) | i, weight, Float::sum);
          used++;
        }
      }
    }
    log.printf(Locale.ROOT, "loaded %,d lines: %,d used, %,d rejected; %,d users, %,d items, %,d pairs%n",
        read, used, errors, userIds.size(), itemIds.size(), cells.size());
    return toCsr(userIds, itemIds, cells, "sha256:" + HexFormat.of().formatHex(digest.digest()));
  }

  private void reject(Path file, int line, String reason) {
    String message = file + ":" + line + ": " + reason;
    errors++;
    if (errors > maxErrors) {
      throw new BadInputException(message + (maxErrors > 0
          ? " (more than --max-errors " + maxErrors + " bad lines)" : " (use --max-errors N to skip bad lines)"));
    }
    log.println(message);
  }

  private static int column(String[] names, String name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].trim().equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  private static Interactions toCsr(List<String> userIds, List<String> itemIds,
      Map<Long, Float> cells, String fingerprint) {
    int users = userIds.size();
    int items = itemIds.size();
    int nnz = cells.size();
    int[] userPtr = new int[users + 1];
    int[] itemPtr = new int[items + 1];
    long[] keys = new long[nnz];
    int n = 0;
    for (long key : cells.keySet()) {
      keys[n++] = key;
    }
    java.util.Arrays.sort(keys); // rows in user order, items ascending: deterministic
    int[] userItems = new int[nnz];
    float[] userWeights = new float[nnz];
    for (int j = 0; j < nnz; j++) {
      int u = (int) (keys[j] >>> 32);
      userPtr[u + 1]++;
      itemPtr[(int) keys[j] + 1]++;
      userItems[j] = (int) keys[j];
      userWeights[j] = cells.get(keys[j]);
    }
    for (int u = 0; u < users; u++) {
      userPtr[u + 1] += userPtr[u];
    }
    for (int i = 0; i < items; i++) {
      itemPtr[i + 1] += itemPtr[i];
    }
    int[] itemUsers = new int[nnz];
    float[] itemWeights = new float[nnz];
    int[] fill = itemPtr.clone();
    for (int u = 0; u < users; u++) {
      for (int j = userPtr[u]; j < userPtr[u + 1]; j++) {
        int slot = fill[userItems[j]]++;
        itemUsers[slot] = u;
        itemWeights[slot] = userWeights[j];
      }
    }
    return new Interactions(List.copyOf(userIds), List.copyOf(itemIds), userPtr, userItems,
        userWeights, itemPtr, itemUsers, itemWeights, fingerprint);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

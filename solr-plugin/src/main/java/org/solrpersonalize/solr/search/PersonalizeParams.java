package org.solrpersonalize.solr.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.solr.common.params.SolrParams;

/**
 * The validated local parameters of {@code rq={!personalize ...}}. Every malformed value is an HTTP
 * 400 naming the parameter and the expected form.
 *
 * @param diversity λ of maximal marginal relevance in [0, 1], 0 for none ({@link
 *     DiversitySelection})
 * @param maxPerCluster documents per mixture cluster and page, {@link DiversitySelection#NO_CAP}
 *     for no cap
 * @param interleave {@code interleave=candidate}: a team-draft interleaving of the active and the
 *     candidate model's rankings ({@link InterleavingRescorer})
 * @param seen what to do with the user's seen items ({@link SeenMode})
 */
public record PersonalizeParams(
    String user,
    List<String> items,
    float[] vector,
    int reRankDocs,
    double textWeight,
    double dotWeight,
    double clusterWeight,
    WindowNormalization norm,
    double diversity,
    int maxPerCluster,
    boolean interleave,
    SeenMode seen) {

  public static final String USER = "user";
  public static final String ITEMS = "items";
  public static final String VECTOR = "uv";
  public static final String RERANK_DOCS = "reRankDocs";
  public static final String TEXT_WEIGHT = "textWeight";
  public static final String DOT_WEIGHT = "dotWeight";
  public static final String CLUSTER_WEIGHT = "clusterWeight";
  public static final String NORM = "norm";
  public static final String DIVERSITY = "diversity";
  public static final String MAX_PER_CLUSTER = "maxPerCluster";
  public static final String INTERLEAVE = "interleave";
  public static final String SEEN = "seen";

  /** The one value of {@value #INTERLEAVE}: interleave with the pointer's candidate model. */
  public static final String INTERLEAVE_CANDIDATE = "candidate";

  public static final int DEFAULT_RERANK_DOCS = 200;
  public static final int MAX_RERANK_DOCS = 10_000;
  public static final int MAX_SESSION_ITEMS = 100;
  public static final int MAX_VECTOR_LENGTH = 1024;

  /**
   * Longest user or item id a request may name, in characters. Ids are cache keys and lookup terms:
   * without a cap, a loop of requests with megabyte-long ids fills the heap. The trainer's ids are
   * far shorter (Lucene itself refuses terms over 32,766 UTF-8 bytes).
   */
  public static final int MAX_ID_LENGTH = 1024;

  /** Longest {@code uv} or {@code dotp} vector text: 1024 values of up to 32 characters each. */
  static final int MAX_VECTOR_TEXT = MAX_VECTOR_LENGTH * 32;

  private static final List<String> ALL =
      List.of(
          USER,
          ITEMS,
          VECTOR,
          RERANK_DOCS,
          TEXT_WEIGHT,
          DOT_WEIGHT,
          CLUSTER_WEIGHT,
          NORM,
          DIVERSITY,
          MAX_PER_CLUSTER,
          INTERLEAVE,
          SEEN);

  public static PersonalizeParams parse(SolrParams local) {
    for (String name : ALL) {
      String[] values = local.getParams(name);
      if (values != null && values.length > 1) {
        throw BadRequests.formatted(
            "personalize: %s is given %d times, give it once", name, values.length);
      }
    }
    String user = emptyToNull(local.get(USER));
    String itemsValue = emptyToNull(local.get(ITEMS));
    String vectorValue = emptyToNull(local.get(VECTOR));
    List<String> sources = new ArrayList<>();
    for (String[] source :
        new String[][] {{USER, user}, {ITEMS, itemsValue}, {VECTOR, vectorValue}}) {
      if (source[1] != null) {
        sources.add(source[0]);
      }
    }
    if (sources.isEmpty()) {
      throw BadRequests.of("personalize: give user=USER_ID, items=ID1,ID2,... or uv=F1,F2,...");
    }
    if (sources.size() > 1) {
      throw BadRequests.of(
          "personalize: give one profile source, not "
              + String.join(" and ", sources)
              + ": user=USER_ID, items=ID1,ID2,... or uv=F1,F2,...");
    }
    if (user != null) {
      checkId("personalize: " + USER, user);
    }
    List<String> items = itemsValue == null ? List.of() : parseItems(itemsValue);
    float[] vector = vectorValue == null ? null : parseVector(VECTOR, vectorValue);
    String docs = local.get(RERANK_DOCS);
    int reRankDocs =
        docs == null
            ? DEFAULT_RERANK_DOCS
            : (int)
                BadRequests.integerFromOne(
                    docs,
                    MAX_RERANK_DOCS,
                    "personalize: reRankDocs must be an integer from 1 to %d, got '%s'");
    WindowNormalization norm = WindowNormalization.ZSCORE;
    String normValue = local.get(NORM);
    if (normValue != null) {
      try {
        norm = WindowNormalization.parse(normValue);
      } catch (IllegalArgumentException e) {
        throw BadRequests.of(
            "personalize: norm must be none, minmax or zscore, got '" + normValue + "'");
      }
    }
    return new PersonalizeParams(
        user,
        items,
        vector,
        reRankDocs,
        weight(local, TEXT_WEIGHT, 1.0),
        weight(local, DOT_WEIGHT, 1.0),
        weight(local, CLUSTER_WEIGHT, 0.5),
        norm,
        diversity(local.get(DIVERSITY)),
        maxPerCluster(local.get(MAX_PER_CLUSTER)),
        interleave(local.get(INTERLEAVE)),
        seen(local.get(SEEN)));
  }

  private static boolean interleave(String value) {
    if (value == null) {
      return false;
    }
    if (!value.trim().equals(INTERLEAVE_CANDIDATE)) {
      throw BadRequests.formatted(
          "personalize: %s must be '%s' (interleave the active model with the candidate), got '%s'",
          INTERLEAVE, INTERLEAVE_CANDIDATE, BadRequests.shown(value));
    }
    return true;
  }

  private static SeenMode seen(String value) {
    if (value == null) {
      return SeenMode.KEEP;
    }
    try {
      return SeenMode.parse(value.trim());
    } catch (IllegalArgumentException e) {
      throw BadRequests.formatted(
          "personalize: seen must be keep, exclude or demote, got '%s'", BadRequests.shown(value));
    }
  }

  /** Whether the page order may differ from the reranked score order. */
  public boolean diversifies() {
    return diversity > 0 || maxPerCluster != DiversitySelection.NO_CAP;
  }

  private static double diversity(String value) {
    if (value == null) {
      return 0;
    }
    double lambda;
    try {
      lambda = Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      lambda = Double.NaN;
    }
    if (!(lambda >= 0 && lambda <= 1)) {
      throw BadRequests.formatted(
          "personalize: diversity must be a number from 0 (off) to 1 (diversity alone), got '%s'",
          BadRequests.shown(value));
    }
    return lambda == 0 ? 0 : lambda; // -0 is off too
  }

  private static int maxPerCluster(String value) {
    return value == null
        ? DiversitySelection.NO_CAP
        : (int)
            BadRequests.integerFromOne(
                value,
                MAX_RERANK_DOCS,
                "personalize: maxPerCluster must be an integer from 1 to %d, got '%s'");
  }

  /** A value as an error shows it: its start only, so a 400 does not echo a megabyte back. */

  /** {@code i1,i2,...}: at least one id, at most {@link #MAX_SESSION_ITEMS}, each capped. */
  private static List<String> parseItems(String value) {
    // Cut before splitting: a megabyte of commas would otherwise become a million strings.
    if (value.length() > MAX_SESSION_ITEMS * (MAX_ID_LENGTH + 1L)) {
      throw BadRequests.formatted(
          "personalize: items is %d characters long, at most %d ids of"
              + " at most %d characters are allowed",
          value.length(), MAX_SESSION_ITEMS, MAX_ID_LENGTH);
    }
    List<String> items = new ArrayList<>();
    for (String id : value.split(",")) {
      if (!id.isBlank()) {
        items.add(id.trim());
      }
    }
    if (items.isEmpty()) {
      throw BadRequests.of("personalize: items must list at least one id, got '" + value + "'");
    }
    if (items.size() > MAX_SESSION_ITEMS) {
      throw BadRequests.formatted(
          "personalize: items has %d ids, at most %d are allowed", items.size(), MAX_SESSION_ITEMS);
    }
    for (String id : items) {
      checkId("personalize: " + ITEMS, id);
    }
    return items;
  }

  /**
   * A 400 naming {@code param} (e.g. {@code personalize: user}) when {@code id} is longer than
   * {@link #MAX_ID_LENGTH}; the message shows the id's start only, so an error does not echo a
   * megabyte back.
   */
  public static void checkId(String param, String id) {
    if (id.length() > MAX_ID_LENGTH) {
      throw BadRequests.formatted(
          "%s has an id of %d characters ('%s...'), at most %d are" + " allowed",
          param, id.length(), id.substring(0, 16), MAX_ID_LENGTH);
    }
  }

  /** Parses {@code f1,f2,...}: finite floats only. */
  public static float[] parseVector(String param, String value) {
    if (value.length() > MAX_VECTOR_TEXT) {
      throw BadRequests.formatted(
          "%s is %d characters long, at most %d are allowed",
          param, value.length(), MAX_VECTOR_TEXT);
    }
    String[] parts = value.split(",");
    if (parts.length > MAX_VECTOR_LENGTH) {
      throw BadRequests.formatted(
          "%s has %d values, at most %d are allowed", param, parts.length, MAX_VECTOR_LENGTH);
    }
    float[] v = new float[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        v[i] = Float.parseFloat(parts[i].trim());
      } catch (NumberFormatException e) {
        throw BadRequests.formatted(
            "%s must be comma-separated numbers, value %d is '%s'", param, i + 1, parts[i].trim());
      }
      if (!Float.isFinite(v[i])) {
        throw BadRequests.formatted(
            "%s must be finite numbers, value %d is '%s'", param, i + 1, parts[i].trim());
      }
    }
    return v;
  }

  private static double weight(SolrParams local, String name, double defaultValue) {
    String value = local.get(name);
    if (value == null) {
      return defaultValue;
    }
    double w;
    try {
      w = Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      throw BadRequests.of("personalize: " + name + " must be a number, got '" + value + "'");
    }
    if (!Double.isFinite(w)) {
      throw BadRequests.of(
          "personalize: " + name + " must be a finite number, got '" + value + "'");
    }
    return w;
  }

  private static String emptyToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PersonalizeParams p
        && java.util.Objects.equals(user, p.user)
        && items.equals(p.items)
        && Arrays.equals(vector, p.vector)
        && reRankDocs == p.reRankDocs
        && textWeight == p.textWeight
        && dotWeight == p.dotWeight
        && clusterWeight == p.clusterWeight
        && norm == p.norm
        && diversity == p.diversity
        && maxPerCluster == p.maxPerCluster
        && interleave == p.interleave
        && seen == p.seen;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(
        user,
        items,
        Arrays.hashCode(vector),
        reRankDocs,
        textWeight,
        dotWeight,
        clusterWeight,
        norm,
        diversity,
        maxPerCluster,
        interleave,
        seen);
  }
}

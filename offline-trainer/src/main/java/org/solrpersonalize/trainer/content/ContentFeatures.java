package org.solrpersonalize.trainer.content;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.solrpersonalize.trainer.data.Catalog;

/**
 * The feature space of the content map: {@code field=token} for text fields (lower-cased words),
 * {@code field=value} for the others. Its vocabulary comes from the items with interactions (a
 * feature no such item has gets no weight anyway); when larger than {@code 2^hashBits}, features
 * are hashed into that many buckets instead. Each field's features weigh {@code 1/sqrt(n)} for its
 * n features, so a long title counts as much as one category.
 */
final class ContentFeatures {
  private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  private final ContentConfig config;
  private final Map<String, Integer> vocabulary; // null when hashed
  private final int dimension;

  private ContentFeatures(ContentConfig config, Map<String, Integer> vocabulary, int dimension) {
    this.config = config;
    this.vocabulary = vocabulary;
    this.dimension = dimension;
  }

  /** The space of {@code config}'s fields over {@code known}, the items with interactions. */
  static ContentFeatures build(ContentConfig config, List<Catalog.Item> known) {
    Map<String, Integer> itemsPerFeature = new LinkedHashMap<>();
    for (Catalog.Item item : known) {
      for (List<String> features : features(config, item)) {
        for (String feature : features.stream().distinct().toList()) {
          itemsPerFeature.merge(feature, 1, Integer::sum);
        }
      }
    }
    Map<String, Integer> vocabulary = new HashMap<>();
    for (Map.Entry<String, Integer> e : itemsPerFeature.entrySet()) {
      if (e.getValue() >= config.minFeatureItems()) {
        vocabulary.put(e.getKey(), vocabulary.size());
      }
    }
    int buckets = 1 << config.hashBits();
    if (vocabulary.size() > buckets) {
      return new ContentFeatures(config, null, buckets);
    }
    return new ContentFeatures(config, vocabulary, Math.max(1, vocabulary.size()));
  }

  int dimension() {
    return dimension;
  }

  boolean hashed() {
    return vocabulary == null;
  }

  /** The item's features as a sparse row: indices (ascending, distinct) and values. */
  SparseRow encode(Catalog.Item item) {
    Map<Integer, Double> row = new TreeMap<>();
    for (List<String> features : features(config, item)) {
      double weight = features.isEmpty() ? 0 : 1 / Math.sqrt(features.size());
      for (String feature : features) {
        int index = index(feature);
        if (index >= 0) {
          row.merge(index, weight, Double::sum);
        }
      }
    }
    int[] indices = new int[row.size()];
    double[] values = new double[row.size()];
    int n = 0;
    for (Map.Entry<Integer, Double> e : row.entrySet()) {
      indices[n] = e.getKey();
      values[n++] = e.getValue();
    }
    return new SparseRow(indices, values);
  }

  private int index(String feature) {
    if (vocabulary != null) {
      return vocabulary.getOrDefault(feature, -1);
    }
    return fnv1a(feature) & (dimension - 1);
  }

  /** Per field, the item's feature names (one per token or value, repeats kept). */
  private static List<List<String>> features(ContentConfig config, Catalog.Item item) {
    List<List<String>> perField = new ArrayList<>();
    for (String field : config.fields()) {
      List<String> features = new ArrayList<>();
      boolean text = config.textFields().contains(field);
      for (String value : item.get(field)) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (text) {
          for (String token : NON_WORD.split(lower)) {
            if (!token.isEmpty()) {
              features.add(field + '=' + token);
            }
          }
        } else {
          features.add(field + '=' + lower);
        }
      }
      perField.add(features);
    }
    return perField;
  }

  /** 32-bit FNV-1a over UTF-8: the same bucket on every JVM and run. */
  private static int fnv1a(String feature) {
    int hash = 0x811c9dc5;
    for (byte b : feature.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x01000193;
    }
    return hash;
  }

  /** A sparse feature row. */
  record SparseRow(int[] indices, double[] values) {}
}

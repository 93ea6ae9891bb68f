package org.solrpersonalize.trainer.demo;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words a demo catalog is made of: taste segments, and per category its segment, brands,
 * product types, attributes, description sentences and price range. The bundled vocabulary ({@link
 * #bundled()}) has 8 segments and 20 categories. {@code productLines} are model names any brand may
 * use ("Trailmax Apex 3 ..."), so that titles rarely repeat; {@code genericSentences} may end any
 * description.
 *
 * <p>A category entry, as in {@code catalog-vocabulary.json}:
 *
 * <pre>{@code
 * {"name": "Running Shoes", "segment": "runner", "weight": 1.3,
 *  "brands": ["Trailmax", ...], "types": ["Trail Running Shoe", ...],
 *  "features": ["Waterproof", ...], "variants": ["Men's", ...], "colors": ["Blue", ...],
 *  "materials": ["engineered mesh", ...], "uses": ["long runs", ...], "tags": ["running"],
 *  "sentences": ["This {feature} {type} from {brand} is built for {use}.", ...],
 *  "price": {"median": 110, "spread": 0.35, "min": 39}}
 * }</pre>
 */
public record CatalogVocabulary(
    List<Segment> segments,
    List<Category> categories,
    List<String> productLines,
    List<String> genericSentences) {

  static final String RESOURCE = "catalog-vocabulary.json";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");
  private static final Set<String> ALWAYS_AVAILABLE =
      Set.of("brand", "type", "feature", "material", "use");

  /** A taste segment; {@code weight} is its relative share of users. */
  public record Segment(String name, double weight) {
    public Segment {
      requireText(name, "segment name");
      requirePositive(weight, "weight of segment '" + name + "'");
    }
  }

  /** Log-normal price: {@code median * exp(spread * N(0,1))}, never below {@code min}. */
  public record PriceRange(double median, double spread, double min) {
    public PriceRange {
      requirePositive(median, "price median");
      requirePositive(min, "price min");
      if (!(spread >= 0)) {
        throw new IllegalArgumentException("price spread must be >= 0, got " + spread);
      }
    }
  }

  /**
   * One product category. {@code variants} (size, gender, pack) and {@code colors} may be empty;
   * the others may not. Sentences may use {@code {brand} {type} {feature} {material} {use}} and,
   * when the category has colors, {@code {color}}.
   */
  public record Category(
      String name,
      String segment,
      double weight,
      List<String> brands,
      List<String> types,
      List<String> features,
      List<String> variants,
      List<String> colors,
      List<String> materials,
      List<String> uses,
      List<String> tags,
      List<String> sentences,
      PriceRange price) {
    public Category {
      requireText(name, "category name");
      String where = "category '" + name + "'";
      requireText(segment, "segment of " + where);
      requirePositive(weight, "weight of " + where);
      brands = nonEmpty(brands, "brands of " + where);
      types = nonEmpty(types, "types of " + where);
      features = nonEmpty(features, "features of " + where);
      variants = variants == null ? List.of() : List.copyOf(variants);
      colors = colors == null ? List.of() : List.copyOf(colors);
      materials = nonEmpty(materials, "materials of " + where);
      uses = nonEmpty(uses, "uses of " + where);
      tags = nonEmpty(tags, "tags of " + where);
      sentences = nonEmpty(sentences, "sentences of " + where);
      Objects.requireNonNull(price, "price of " + where);
      Set<String> available = new HashSet<>(ALWAYS_AVAILABLE);
      if (!colors.isEmpty()) {
        available.add("color");
      }
      for (String sentence : sentences) {
        checkPlaceholders(sentence, available, where);
      }
    }
  }

  public CatalogVocabulary {
    segments = nonEmpty(segments, "segments");
    categories = nonEmpty(categories, "categories");
    productLines = productLines == null ? List.of() : List.copyOf(productLines);
    genericSentences = genericSentences == null ? List.of() : List.copyOf(genericSentences);
    for (String sentence : genericSentences) {
      checkPlaceholders(sentence, Set.of(), "generic sentences");
    }
    Set<String> names = new HashSet<>();
    for (Segment segment : segments) {
      if (!names.add(segment.name())) {
        throw new IllegalArgumentException("segment '" + segment.name() + "' is listed twice");
      }
    }
    Set<String> covered = new HashSet<>();
    for (Category category : categories) {
      if (!names.contains(category.segment())) {
        throw new IllegalArgumentException(
            "category '"
                + category.name()
                + "' names unknown segment '"
                + category.segment()
                + "'");
      }
      covered.add(category.segment());
    }
    for (Segment segment : segments) {
      if (!covered.contains(segment.name())) {
        throw new IllegalArgumentException("segment '" + segment.name() + "' has no category");
      }
    }
  }

  /** The vocabulary bundled with the trainer ({@value #RESOURCE}). */
  public static CatalogVocabulary bundled() {
    try (InputStream in = CatalogVocabulary.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + RESOURCE + " is missing from the classpath");
      }
      return new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .readValue(in, CatalogVocabulary.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
    }
  }

  /** Index of the segment named {@code name} in {@link #segments()}. */
  public int segmentIndex(String name) {
    for (int i = 0; i < segments.size(); i++) {
      if (segments.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("unknown segment '" + name + "'");
  }

  private static void checkPlaceholders(String sentence, Set<String> available, String where) {
    Matcher matcher = PLACEHOLDER.matcher(sentence);
    while (matcher.find()) {
      if (!available.contains(matcher.group(1))) {
        throw new IllegalArgumentException(
            "sentence of "
                + where
                + " uses {"
                + matcher.group(1)
                + "}, which it does not have: "
                + sentence);
      }
    }
  }

  private static <T> List<T> nonEmpty(List<T> list, String what) {
    if (list == null || list.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    return List.copyOf(list);
  }

  private static void requireText(String text, String what) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
  }

  private static void requirePositive(double value, String what) {
    if (!(value > 0)) {
      throw new IllegalArgumentException(what + " must be > 0, got " + value);
    }
  }
}

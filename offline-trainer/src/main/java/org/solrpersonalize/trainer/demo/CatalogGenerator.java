package org.solrpersonalize.trainer.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.solrpersonalize.trainer.demo.CatalogVocabulary.Category;

/**
 * A seeded e-commerce catalog: product {@code i} is drawn from its own random stream, so it does
 * not depend on the catalog size, and any product can be generated on its own.
 *
 * <pre>{@code
 * CatalogGenerator catalog = new CatalogGenerator(CatalogVocabulary.bundled(), 42);
 * Product p = catalog.product(0);
 * // p.title(): e.g. "Trailmax Waterproof Trail Running Shoe - Men's, Blue"
 * }</pre>
 *
 * A product's category (and so its taste segment) is the first draw of its stream: {@link
 * #categoryOf(int)} is cheap, which lets the interaction simulator index a million products without
 * building their text.
 */
public final class CatalogGenerator {
  /** Product ids have 7 digits: {@code p0000000} to {@code p9999999}. */
  public static final int MAX_PRODUCTS = 10_000_000;

  /** Share of products out of stock; the others have 1 to 250 in stock. */
  private static final double OUT_OF_STOCK = 0.06;

  private final CatalogVocabulary vocabulary;
  private final long seed;
  private final WeightedSampler categories;

  public CatalogGenerator(CatalogVocabulary vocabulary, long seed) {
    this.vocabulary = vocabulary;
    this.seed = seed;
    this.categories =
        WeightedSampler.of(vocabulary.categories(), CatalogVocabulary.Category::weight);
  }

  public CatalogVocabulary vocabulary() {
    return vocabulary;
  }

  /** {@code p} followed by the zero-padded index: {@code productId(42)} is {@code p0000042}. */
  public static String productId(int index) {
    checkIndex(index);
    return "p" + zeroPadded(index, 7);
  }

  /** Index into {@code vocabulary().categories()} of product {@code index}. */
  public int categoryOf(int index) {
    checkIndex(index);
    return categories.sample(randomFor(index));
  }

  public Product product(int index) {
    checkIndex(index);
    SplittableRandom random = randomFor(index);
    Category category = vocabulary.categories().get(categories.sample(random));
    String brand = pick(category.brands(), random);
    String type = pick(category.types(), random);
    String feature = pick(category.features(), random);
    String variant = category.variants().isEmpty() ? null : pick(category.variants(), random);
    String color = category.colors().isEmpty() ? null : pick(category.colors(), random);
    String line = productLine(random);
    Words words =
        new Words(
            brand,
            type,
            feature,
            pick(category.materials(), random),
            pick(category.uses(), random),
            color);

    // "<brand>[ <line>] <feature> <type>[ - <variant>][, <color>]"
    StringBuilder title = new StringBuilder(64).append(brand).append(' ');
    if (line != null) {
      title.append(line).append(' ');
    }
    title.append(feature).append(' ').append(type);
    if (variant != null) {
      title.append(" - ").append(variant);
    }
    if (color != null) {
      title.append(", ").append(color);
    }
    return new Product(
        productId(index),
        title.toString(),
        description(category, words, random),
        category.name(),
        brand,
        price(category.price(), random),
        random.nextDouble() < OUT_OF_STOCK ? 0 : 1 + random.nextInt(250),
        tags(category, feature, random),
        category.segment());
  }

  /**
   * Share of titles with a product line ("Apex 3"); the others are brand, feature and type only.
   */
  private static final double WITH_PRODUCT_LINE = 0.5;

  /** A product line with an optional generation number ("Apex", "Nova 3"), or null. */
  private String productLine(SplittableRandom random) {
    List<String> lines = vocabulary.productLines();
    if (lines.isEmpty() || random.nextDouble() >= WITH_PRODUCT_LINE) {
      return null;
    }
    String line = pick(lines, random);
    return random.nextBoolean() ? line + " " + (2 + random.nextInt(8)) : line;
  }

  /** 1 to 3 sentences: the category's lead sentence, then up to two others, all distinct. */
  private String description(Category category, Words words, SplittableRandom random) {
    List<String> sentences = category.sentences();
    List<String> generic = vocabulary.genericSentences();
    // The pool: the category's sentences after the lead one, then the generic ones.
    int pool = sentences.size() - 1 + generic.size();
    int more = Math.min(random.nextInt(3), pool);
    StringBuilder text = new StringBuilder(200).append(words.fill(sentences.get(0)));
    if (more == 0) {
      return text.toString();
    }
    int first = random.nextInt(pool);
    int second = -1;
    if (more == 2) {
      second = random.nextInt(pool - 1);
      second += second >= first ? 1 : 0;
    }
    // Ascending, so category sentences come before generic ones.
    for (int pick :
        more == 1
            ? new int[] {first}
            : new int[] {Math.min(first, second), Math.max(first, second)}) {
      String sentence =
          pick < sentences.size() - 1
              ? sentences.get(pick + 1)
              : generic.get(pick - (sentences.size() - 1));
      text.append(' ').append(words.fill(sentence));
    }
    return text.toString();
  }

  private static double price(CatalogVocabulary.PriceRange range, SplittableRandom random) {
    double raw = range.median() * Math.exp(range.spread() * random.nextGaussian());
    return Math.floor(Math.max(range.min(), raw)) + 0.99;
  }

  /** Shares of products tagged "new" and "sale", drawn independently. */
  private static final double TAGGED_NEW = 0.1;

  private static final double TAGGED_SALE = 0.1;

  private static List<String> tags(Category category, String feature, SplittableRandom random) {
    List<String> tags = new ArrayList<>(category.tags().size() + 3);
    tags.addAll(category.tags());
    tags.add(feature.toLowerCase(Locale.ROOT));
    if (random.nextDouble() < TAGGED_NEW) {
      tags.add("new");
    }
    if (random.nextDouble() < TAGGED_SALE) {
      tags.add("sale");
    }
    return tags;
  }

  private SplittableRandom randomFor(int index) {
    return StreamSeeds.random(seed, StreamSeeds.PRODUCTS, index);
  }

  private static String pick(List<String> values, SplittableRandom random) {
    return values.get(random.nextInt(values.size()));
  }

  private static void checkIndex(int index) {
    if (index < 0 || index >= MAX_PRODUCTS) {
      throw new IllegalArgumentException(
          "product index must be in [0, " + MAX_PRODUCTS + "), got " + index);
    }
  }

  /**
   * Lower-cases words inside a sentence but keeps acronyms: "GPS Running Watch" -> "GPS running
   * watch".
   */
  static String lowerCaseWords(String words) {
    StringBuilder out = new StringBuilder(words.length());
    for (String word : words.split(" ", -1)) {
      if (out.length() > 0) {
        out.append(' ');
      }
      boolean acronym =
          word.length() > 1
              && word.equals(word.toUpperCase(Locale.ROOT))
              && !word.equals(word.toLowerCase(Locale.ROOT));
      out.append(acronym ? word : word.toLowerCase(Locale.ROOT));
    }
    return out.toString();
  }

  static String zeroPadded(int value, int width) {
    String digits = Integer.toString(value);
    return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
  }

  /** The words chosen for one product, filled into sentence templates. */
  private record Words(
      String brand, String type, String feature, String material, String use, String color) {

    String fill(String template) {
      StringBuilder out = new StringBuilder(template.length() + 32);
      int at = 0;
      while (at < template.length()) {
        int open = template.indexOf('{', at);
        if (open < 0) {
          out.append(template, at, template.length());
          break;
        }
        int close = template.indexOf('}', open);
        out.append(template, at, open).append(word(template.substring(open + 1, close)));
        at = close + 1;
      }
      // A sentence may start with a placeholder ("{brand} ..."): keep its first letter upper case.
      if (out.length() > 0) {
        out.setCharAt(0, Character.toUpperCase(out.charAt(0)));
      }
      return out.toString();
    }

    private String word(String name) {
      switch (name) {
        case "brand":
          return brand;
        case "type":
          return lowerCaseWords(type);
        case "feature":
          return lowerCaseWords(feature);
        case "material":
          return material;
        case "use":
          return use;
        case "color":
          return lowerCaseWords(color);
        default:
          // CatalogVocabulary rejects unknown placeholders when it is loaded.
          throw new IllegalStateException("unknown placeholder {" + name + "}");
      }
    }
  }
}

package org.solrpersonalize.trainer.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogVocabularyTest {
  private static final CatalogVocabulary.PriceRange PRICE =
      new CatalogVocabulary.PriceRange(10, 0.5, 1);

  @Test
  void bundledVocabularyHasEightSegmentsAndTwentyCategories() {
    CatalogVocabulary vocabulary = CatalogVocabulary.bundled();
    assertEquals(
        List.of(
            "runner", "coffee lover", "camper", "parent", "gamer", "gardener", "home cook", "yogi"),
        vocabulary.segments().stream().map(CatalogVocabulary.Segment::name).toList());
    assertEquals(20, vocabulary.categories().size());
    assertEquals(3, vocabulary.segmentIndex("parent"));
  }

  @Test
  void categoryOfAnUnknownSegmentIsRejected() {
    assertEquals(
        "category 'Tents' names unknown segment 'camper'",
        rejection(List.of("runner"), category("Tents", "camper", List.of(), "A {type}.")));
  }

  @Test
  void segmentWithoutCategoryIsRejected() {
    assertEquals(
        "segment 'camper' has no category",
        rejection(
            List.of("runner", "camper"), category("Shoes", "runner", List.of(), "A {type}.")));
  }

  @Test
  void colorPlaceholderNeedsColors() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> category("Shoes", "runner", List.of(), "A {color} {type}."));
    assertEquals(
        "sentence of category 'Shoes' uses {color}, which it does not have: A {color} {type}.",
        e.getMessage());
    category("Shoes", "runner", List.of("Blue"), "A {color} {type}.");
  }

  @Test
  void emptyBrandsAreRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new CatalogVocabulary.Category(
                    "Shoes",
                    "runner",
                    1,
                    List.of(),
                    List.of("Shoe"),
                    List.of("Light"),
                    null,
                    null,
                    List.of("mesh"),
                    List.of("runs"),
                    List.of("run"),
                    List.of("A {type}."),
                    PRICE));
    assertEquals("brands of category 'Shoes' must not be empty", e.getMessage());
  }

  /** Why a vocabulary of these segments (weight 1 each) and this one category is refused. */
  private static String rejection(List<String> segments, CatalogVocabulary.Category category) {
    List<CatalogVocabulary.Segment> weighted =
        segments.stream().map(name -> new CatalogVocabulary.Segment(name, 1)).toList();
    return assertThrows(
            IllegalArgumentException.class,
            () -> new CatalogVocabulary(weighted, List.of(category), List.of(), List.of()))
        .getMessage();
  }

  private static CatalogVocabulary.Category category(
      String name, String segment, List<String> colors, String sentence) {
    return new CatalogVocabulary.Category(
        name,
        segment,
        1,
        List.of("Brand"),
        List.of("Shoe"),
        List.of("Light"),
        List.of(),
        colors,
        List.of("mesh"),
        List.of("runs"),
        List.of("run"),
        List.of(sentence),
        PRICE);
  }
}

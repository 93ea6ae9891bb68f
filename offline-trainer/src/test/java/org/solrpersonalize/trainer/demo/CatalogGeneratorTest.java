package org.solrpersonalize.trainer.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CatalogGeneratorTest {
  private final CatalogGenerator catalog = new CatalogGenerator(CatalogVocabulary.bundled(), 42);

  @Test
  void productIdsAreZeroPaddedToSevenDigits() {
    assertEquals("p0000000", CatalogGenerator.productId(0));
    assertEquals("p0000042", CatalogGenerator.productId(42));
    assertEquals("p9999999", CatalogGenerator.productId(CatalogGenerator.MAX_PRODUCTS - 1));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CatalogGenerator.productId(CatalogGenerator.MAX_PRODUCTS));
    assertEquals("product index must be in [0, 10000000), got 10000000", e.getMessage());
  }

  @Test
  void aProductIsTheSameWhenGeneratedAloneOrAgain() {
    assertEquals(catalog.product(123), catalog.product(123));
    assertEquals(
        catalog.product(123), new CatalogGenerator(CatalogVocabulary.bundled(), 42).product(123));
    assertNotEquals(
        catalog.product(123), new CatalogGenerator(CatalogVocabulary.bundled(), 7).product(123));
  }

  @Test
  void categoryOfMatchesTheProductsCategory() {
    CatalogVocabulary vocabulary = catalog.vocabulary();
    for (int i = 0; i < 200; i++) {
      assertEquals(
          vocabulary.categories().get(catalog.categoryOf(i)).name(), catalog.product(i).category());
    }
  }

  @Test
  void titleIsBrandFeatureTypeThenVariantAndColor() {
    // Running shoes have variants and colors: "<brand> <feature> <type> - <variant>, <color>".
    CatalogVocabulary.Category shoes = catalog.vocabulary().categories().get(0);
    assertEquals("Running Shoes", shoes.name());
    int found = 0;
    for (int i = 0; i < 500 && found < 5; i++) {
      Product product = catalog.product(i);
      if (!product.category().equals(shoes.name())) {
        continue;
      }
      found++;
      String title = product.title();
      String variantAndColor = title.substring(title.lastIndexOf(" - ") + 3);
      String[] parts = variantAndColor.split(", ");
      assertTrue(shoes.variants().contains(parts[0]), title);
      assertTrue(shoes.colors().contains(parts[1]), title);
      String head = title.substring(0, title.lastIndexOf(" - "));
      assertTrue(shoes.types().stream().anyMatch(head::endsWith), title);
      assertTrue(head.startsWith(product.brand() + " "), title);
    }
    assertEquals(5, found);
  }

  @Test
  void productLinesKeepMostTitlesDistinct() {
    Set<String> titles = new HashSet<>();
    for (int i = 0; i < 2_000; i++) {
      titles.add(catalog.product(i).title());
    }
    // 1,949 distinct with seed 42; without product lines about a fifth of the titles repeat.
    assertTrue(titles.size() >= 1_900, titles.size() + " distinct titles");
  }

  @Test
  void sentencesKeepAcronymsButLowerCaseWords() {
    assertEquals("GPS running watch", CatalogGenerator.lowerCaseWords("GPS Running Watch"));
    assertEquals("2-in-1 laptop", CatalogGenerator.lowerCaseWords("2-in-1 Laptop"));
    assertEquals("RGB backlit", CatalogGenerator.lowerCaseWords("RGB Backlit"));
  }
}

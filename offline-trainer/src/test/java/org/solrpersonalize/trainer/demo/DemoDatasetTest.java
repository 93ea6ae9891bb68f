package org.solrpersonalize.trainer.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoDatasetTest {
  private static final int PRODUCTS = 1_000;
  private static final int USERS = 300;

  @TempDir static Path dir;
  private static DemoDataset data;

  @BeforeAll
  static void generate() throws IOException {
    data = DemoDataset.generate(dir.resolve("a"), PRODUCTS, USERS, 42);
  }

  @Test
  void sameSeedWritesIdenticalFiles() throws IOException {
    DemoDataset again = DemoDataset.generate(dir.resolve("b"), PRODUCTS, USERS, 42);
    for (String file : List.of(DemoDataset.CATALOG, DemoDataset.INTERACTIONS, DemoDataset.USERS)) {
      assertArrayEquals(
          Files.readAllBytes(data.directory().resolve(file)),
          Files.readAllBytes(again.directory().resolve(file)),
          file);
    }
    assertEquals(data.simulation(), again.simulation());
  }

  @Test
  void anotherSeedWritesOtherData() throws IOException {
    DemoDataset other = DemoDataset.generate(dir.resolve("c"), PRODUCTS, USERS, 43);
    for (String file : List.of(DemoDataset.CATALOG, DemoDataset.INTERACTIONS, DemoDataset.USERS)) {
      assertFalse(
          Files.readString(data.directory().resolve(file))
              .equals(Files.readString(other.directory().resolve(file))),
          file);
    }
  }

  @Test
  void aSmallerCatalogIsAPrefixOfALargerOne() throws IOException {
    DemoDataset small = DemoDataset.generate(dir.resolve("d"), 400, 10, 42);
    List<String> smallLines = Files.readAllLines(small.catalogFile());
    List<String> largeLines = Files.readAllLines(data.catalogFile());
    assertEquals(400, smallLines.size());
    assertEquals(largeLines.subList(0, 400), smallLines);
  }

  @Test
  void filesHaveTheRequestedSizesAndIds() throws IOException {
    List<Product> products = new ArrayList<>();
    CatalogFile.read(data.catalogFile(), products::add);
    assertEquals(PRODUCTS, products.size());
    assertEquals("p0000000", products.get(0).id());
    assertEquals("p0000999", products.get(PRODUCTS - 1).id());

    List<String> users = Files.readAllLines(data.usersFile());
    assertEquals("user,segment", users.get(0));
    assertEquals(USERS + 1, users.size());
    assertTrue(users.get(1).startsWith("u000000,"), users.get(1));
    assertTrue(users.get(USERS).startsWith("u000299,"), users.get(USERS));

    List<String> events = Files.readAllLines(data.interactionsFile());
    assertEquals("user,item,event,timestamp", events.get(0));
    assertEquals(data.simulation().interactions(), events.size() - 1);
    assertEquals(USERS, data.simulation().users());
  }

  @Test
  void productsAreCompleteAndConsistentWithTheVocabulary() throws IOException {
    CatalogVocabulary vocabulary = CatalogVocabulary.bundled();
    Map<String, CatalogVocabulary.Category> categories = new HashMap<>();
    vocabulary.categories().forEach(c -> categories.put(c.name(), c));
    Set<String> seenCategories = new HashSet<>();
    CatalogFile.read(
        data.catalogFile(),
        product -> {
          CatalogVocabulary.Category category = categories.get(product.category());
          assertTrue(
              category != null, product.id() + " has unknown category " + product.category());
          seenCategories.add(product.category());
          assertEquals(category.segment(), product.segment(), product.id());
          assertTrue(category.brands().contains(product.brand()), product.id());
          assertTrue(product.title().startsWith(product.brand() + " "), product.title());
          assertTrue(
              product.price() >= category.price().min(), product.id() + " " + product.price());
          assertEquals(0.99, product.price() - Math.floor(product.price()), 1e-9, product.id());
          assertTrue(product.tags().containsAll(category.tags()), product.id());
          int sentences = product.description().split("(?<=\\.) ").length;
          assertTrue(sentences >= 1 && sentences <= 3, product.description());
          assertFalse(product.description().contains("{"), product.description());
        });
    assertEquals(vocabulary.categories().size(), seenCategories.size());
  }

  @Test
  void interactionsAreValidAndInTimeOrderPerUser() throws IOException {
    Map<String, String> users = data.userSegments();
    Map<String, String> products = data.productSegments();
    Instant end = SimulationConfig.DEFAULT_END;
    Instant start = end.minusSeconds(90 * 86_400L);
    Set<String> events = Set.of("view", "cart", "purchase");
    Map<String, Instant> lastOfUser = new HashMap<>();
    List<String> lines = Files.readAllLines(data.interactionsFile(), StandardCharsets.UTF_8);
    int purchases = 0;
    for (int i = 1; i < lines.size(); i++) {
      String[] fields = lines.get(i).split(",", -1);
      assertEquals(4, fields.length, "line " + (i + 1));
      assertTrue(users.containsKey(fields[0]), "line " + (i + 1));
      assertTrue(products.containsKey(fields[1]), "line " + (i + 1));
      assertTrue(events.contains(fields[2]), "line " + (i + 1));
      Instant at = Instant.parse(fields[3]);
      // A session starting just before the end may run a few minutes past it.
      assertTrue(!at.isBefore(start) && at.isBefore(end.plusSeconds(86_400)), fields[3]);
      Instant last = lastOfUser.put(fields[0], at);
      assertTrue(last == null || !at.isBefore(last), "line " + (i + 1) + " goes back in time");
      purchases += fields[2].equals("purchase") ? 1 : 0;
    }
    assertTrue(purchases > 0);
  }

  @Test
  void mostEventsFallInTheUsersPlantedSegment() throws IOException {
    Map<String, String> users = data.userSegments();
    Map<String, String> products = data.productSegments();
    List<String> lines = Files.readAllLines(data.interactionsFile());
    Map<String, int[]> perUser = new HashMap<>();
    long inSegment = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] fields = line.split(",");
      boolean hit = users.get(fields[0]).equals(products.get(fields[1]));
      inSegment += hit ? 1 : 0;
      int[] counts = perUser.computeIfAbsent(fields[0], u -> new int[2]);
      counts[hit ? 0 : 1]++;
    }
    assertEquals(data.simulation().inPrimarySegment(), inSegment);
    double share = (double) inSegment / (lines.size() - 1);
    assertTrue(share >= 0.70 && share <= 0.90, "in-segment share " + share);
    long usersLeaningToTheirSegment = perUser.values().stream().filter(c -> c[0] > c[1]).count();
    // Users with one or two sessions may land outside their segment: 253 of 300 with seed 42.
    assertTrue(
        usersLeaningToTheirSegment >= 0.8 * perUser.size(),
        usersLeaningToTheirSegment + " of " + perUser.size());
    // Every segment has users, so the ground truth covers all of them.
    assertEquals(CatalogVocabulary.bundled().segments().size(), Set.copyOf(users.values()).size());
  }
}

package org.solrpersonalize.trainer.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A generated demo dataset: three files in one directory, all fixed by the seed.
 *
 * <ul>
 *   <li>{@value #CATALOG}: the products ({@link CatalogFile}), each with its planted segment
 *   <li>{@value #INTERACTIONS}: {@code user,item,event,timestamp}, events {@code view}, {@code
 *       cart}, {@code purchase}, ISO-8601 UTC timestamps
 *   <li>{@value #USERS}: {@code user,segment}, each user's primary segment (the ground truth)
 * </ul>
 *
 * <pre>{@code
 * DemoDataset data = DemoDataset.generate(Path.of("demo-data"), 20_000, 2_000, 42);
 * Map<String, String> truth = data.userSegments(); // "u000000" -> "gamer", ...
 * }</pre>
 */
public record DemoDataset(Path directory, int products, long seed, SimulationSummary simulation) {
  public static final String CATALOG = "catalog.jsonl";
  public static final String INTERACTIONS = "interactions.csv";
  public static final String USERS = "users.csv";
  public static final int MIN_PRODUCTS = 100;

  public DemoDataset {
    checkProducts(products);
  }

  /**
   * Generates the three files into {@code directory} (created if missing) with default behaviour.
   */
  public static DemoDataset generate(Path directory, int products, int users, long seed)
      throws IOException {
    return generate(directory, products, SimulationConfig.defaults(users, seed));
  }

  public static DemoDataset generate(Path directory, int products, SimulationConfig simulation)
      throws IOException {
    checkProducts(products);
    Files.createDirectories(directory);
    CatalogGenerator catalog = new CatalogGenerator(CatalogVocabulary.bundled(), simulation.seed());
    CatalogFile.write(directory.resolve(CATALOG), products, catalog::product);
    SimulationSummary summary =
        new InteractionSimulator(catalog, products, simulation)
            .write(directory.resolve(INTERACTIONS), directory.resolve(USERS));
    return new DemoDataset(directory, products, simulation.seed(), summary);
  }

  private static void checkProducts(int products) {
    if (products < MIN_PRODUCTS || products > CatalogGenerator.MAX_PRODUCTS) {
      throw new IllegalArgumentException(
          "products must be in ["
              + MIN_PRODUCTS
              + ", "
              + CatalogGenerator.MAX_PRODUCTS
              + "], got "
              + products);
    }
  }

  public Path catalogFile() {
    return directory.resolve(CATALOG);
  }

  public Path interactionsFile() {
    return directory.resolve(INTERACTIONS);
  }

  public Path usersFile() {
    return directory.resolve(USERS);
  }

  /** User id to primary segment name, read from {@value #USERS}. */
  public Map<String, String> userSegments() throws IOException {
    Map<String, String> segments = new HashMap<>();
    try (BufferedReader in = Files.newBufferedReader(usersFile(), StandardCharsets.UTF_8)) {
      String line = in.readLine();
      if (!"user,segment".equals(line)) {
        throw new IOException(usersFile() + ":1: expected header user,segment, got " + line);
      }
      int number = 1;
      while ((line = in.readLine()) != null) {
        number++;
        int comma = line.indexOf(',');
        if (comma <= 0 || comma == line.length() - 1) {
          throw new IOException(
              usersFile() + ":" + number + ": expected user,segment, got " + line);
        }
        segments.put(line.substring(0, comma), line.substring(comma + 1));
      }
    }
    return segments;
  }

  /** Product id to segment name, read from {@value #CATALOG}. */
  public Map<String, String> productSegments() throws IOException {
    Map<String, String> segments = new HashMap<>(products * 2);
    CatalogFile.read(catalogFile(), product -> segments.put(product.id(), product.segment()));
    return segments;
  }
}

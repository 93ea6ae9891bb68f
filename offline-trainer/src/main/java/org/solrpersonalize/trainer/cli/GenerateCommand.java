package org.solrpersonalize.trainer.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.demo.CatalogGenerator;
import org.solrpersonalize.trainer.demo.CatalogVocabulary;
import org.solrpersonalize.trainer.demo.DemoDataset;
import org.solrpersonalize.trainer.demo.SimulationConfig;
import org.solrpersonalize.trainer.demo.SimulationSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code generate}: writes a seeded demo dataset (catalog, interactions, users' planted segments).
 *
 * <pre>
 * generate --products 20000 --users 2000 --seed 42 --out demo-data
 * </pre>
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Generate a seeded demo e-commerce dataset: @|bold catalog.jsonl|@ (products with their"
          + " planted taste segment), @|bold interactions.csv|@ (user,item,event,timestamp) and"
          + " @|bold users.csv|@ (user,segment: the ground truth)."
    })
final class GenerateCommand extends ConsoleCommand {
  @Option(
      names = "--products",
      defaultValue = "20000",
      paramLabel = "N",
      description = "Number of products, 100 to 10000000 (default: ${DEFAULT-VALUE}).")
  private int products;

  @Option(
      names = "--users",
      defaultValue = "2000",
      paramLabel = "N",
      description = "Number of users, 1 to 1000000 (default: ${DEFAULT-VALUE}).")
  private int users;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Seed of every random draw (default: ${DEFAULT-VALUE}).")
  private long seed;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Directory to write the three files into (created if missing).")
  private Path out;

  @Override
  public Integer call() throws Exception {
    if (products < DemoDataset.MIN_PRODUCTS || products > CatalogGenerator.MAX_PRODUCTS) {
      throw new BadInputException(
          "--products must be in ["
              + DemoDataset.MIN_PRODUCTS
              + ", "
              + CatalogGenerator.MAX_PRODUCTS
              + "], got "
              + products);
    }
    if (users < 1 || users > SimulationConfig.MAX_USERS) {
      throw new BadInputException(
          "--users must be in [1, " + SimulationConfig.MAX_USERS + "], got " + users);
    }
    long started = System.nanoTime();
    DemoDataset data = DemoDataset.generate(out, products, users, seed);
    double seconds = (System.nanoTime() - started) / 1e9;
    CatalogVocabulary vocabulary = CatalogVocabulary.bundled();
    SimulationSummary simulation = data.simulation();
    PrintStream report = console().out();
    report.printf(
        Locale.ROOT, "Generated demo data in %s (seed %d) in %.1f s%n", out, seed, seconds);
    report.printf(
        Locale.ROOT,
        "  %-17s %,d products in %d categories%n",
        DemoDataset.CATALOG,
        products,
        vocabulary.categories().size());
    report.printf(
        Locale.ROOT,
        "  %-17s %,d users in %d taste segments%n",
        DemoDataset.USERS,
        users,
        vocabulary.segments().size());
    report.printf(
        Locale.ROOT,
        "  %-17s %,d events (view, cart, purchase), %.1f%% in the user's segment%n",
        DemoDataset.INTERACTIONS,
        simulation.interactions(),
        100 * simulation.inSegmentShare());
    report.flush();
    return 0;
  }
}

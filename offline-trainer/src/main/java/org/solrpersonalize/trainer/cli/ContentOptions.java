package org.solrpersonalize.trainer.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.solrpersonalize.trainer.content.ContentConfig;
import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.data.Catalog;
import org.solrpersonalize.trainer.data.CatalogLoader;
import org.solrpersonalize.trainer.data.LoadOptions;
import picocli.CommandLine.Option;

/** The catalog flags of {@code train} and {@code evaluate}: factors for items from content. */
final class ContentOptions {
  @Option(
      names = "--catalog",
      paramLabel = "FILE",
      description =
          "Catalog (CSV/TSV with a header, '|' between the values of a multi-valued field; or"
              + " JSONL, arrays multi-valued): its items without interactions get factors"
              + " predicted from --content-fields. Default: none.")
  Path catalog;

  @Option(
      names = "--content-fields",
      split = ",",
      paramLabel = "F1,F2,...",
      description = "Catalog fields the content map learns from (with --catalog). Default: none.")
  List<String> fields;

  @Option(
      names = "--catalog-id-field",
      paramLabel = "NAME",
      defaultValue = "id",
      description =
          "Catalog column (JSON field) holding the item id of the interactions."
              + " Default: ${DEFAULT-VALUE}.")
  String idField;

  @Option(
      names = "--content-text-fields",
      split = ",",
      paramLabel = "F1,...",
      defaultValue = "title,name,description",
      description =
          "Those of --content-fields split into lower-cased words; the others are categorical"
              + " values. Default: ${DEFAULT-VALUE}.")
  List<String> textFields;

  @Option(
      names = "--content-hash-bits",
      paramLabel = "B",
      defaultValue = "" + ContentConfig.DEFAULT_HASH_BITS,
      description =
          "Features are hashed into 2^B buckets when the vocabulary is larger."
              + " Default: ${DEFAULT-VALUE}.")
  int hashBits;

  @Option(
      names = "--content-regularization",
      paramLabel = "R|auto",
      defaultValue = "auto",
      description =
          "Ridge lambda of the content map; auto: the best of "
              + "3, 10, 30, 100, 300 by squared error on a seeded 20%% of the items with"
              + " interactions."
              + " Default: ${DEFAULT-VALUE}.")
  String regularization;

  /** Whether --catalog was given. */
  boolean catalogGiven() {
    return catalog != null;
  }

  /** The content config the flags ask for (reading the catalog), or null without --catalog. */
  ContentConfig toConfig(LoadOptions load, PrintStream err) throws IOException {
    if (catalog == null) {
      if (fields != null) {
        throw new BadInputException("--content-fields needs --catalog");
      }
      return null;
    }
    if (fields == null || fields.isEmpty()) {
      throw new BadInputException("--catalog needs --content-fields, e.g. title,category");
    }
    double lambda = ContentConfig.AUTO;
    if (!"auto".equals(regularization.trim())) {
      try {
        lambda = Double.parseDouble(regularization.trim());
      } catch (NumberFormatException e) {
        throw new BadInputException(
            "--content-regularization must be a number or auto, got '" + regularization + "'");
      }
    }
    // Checked before the catalog is read, so that a typo never waits for the file.
    config(new Catalog(List.of(), "", 0, 0, 0), lambda);
    Catalog read = new CatalogLoader(idField, fields, load, err::println).load(catalog);
    err.printf(
        Locale.ROOT,
        "catalog: %d items (%d lines, %d rejected, %d repeated ids)%n",
        read.items().size(),
        read.linesRead(),
        read.rejected(),
        read.duplicates());
    return config(read, lambda);
  }

  private ContentConfig config(Catalog catalog, double lambda) {
    return new ContentConfig(
        catalog,
        fields,
        Set.copyOf(textFields),
        hashBits,
        ContentConfig.DEFAULT_MIN_FEATURE_ITEMS,
        lambda,
        ContentConfig.DEFAULT_VALIDATION_FRACTION);
  }
}

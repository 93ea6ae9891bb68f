package org.solrpersonalize.spark;

import java.util.Locale;
import org.solrpersonalize.trainer.data.BadInputException;

/** Formats of interaction input the Spark trainer reads. */
public enum InputFormat {
  /** Comma-separated with a header line. */
  CSV,
  /** Tab-separated with a header line. */
  TSV,
  /** One JSON object per line. */
  JSONL,
  /** Apache Parquet, columns by name. */
  PARQUET;

  /**
   * The format of {@code --format}, or for {@code auto} the one a file name's extension names
   * ({@code .csv}, {@code .tsv}/{@code .tab}, {@code .jsonl}/{@code .ndjson}/{@code .json}, {@code
   * .parquet}, each also with {@code .gz}).
   *
   * @throws BadInputException when {@code auto} meets a name without one of those extensions
   */
  public static InputFormat of(String option, String fileName) {
    InputFormat chosen = chosen(option);
    if (chosen != null) {
      return chosen;
    }
    String name = fileName.toLowerCase(Locale.ROOT);
    if (name.endsWith(".gz")) {
      name = name.substring(0, name.length() - 3);
    }
    if (name.endsWith(".csv")) {
      return CSV;
    }
    if (name.endsWith(".tsv") || name.endsWith(".tab")) {
      return TSV;
    }
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
      return JSONL;
    }
    if (name.endsWith(".parquet")) {
      return PARQUET;
    }
    throw new BadInputException(
        fileName
            + ": cannot tell the format from the name (.csv, .tsv, .jsonl or .parquet);"
            + " say it with --format");
  }

  /**
   * The format {@code --format} names, or null for {@code auto}.
   *
   * @throws BadInputException for any other value
   */
  public static InputFormat chosen(String option) {
    String choice = option.trim().toLowerCase(Locale.ROOT);
    if ("auto".equals(choice)) {
      return null;
    }
    try {
      return valueOf(choice.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadInputException(
          "--format must be auto, csv, tsv, jsonl or parquet, got '" + option + "'");
    }
  }
}

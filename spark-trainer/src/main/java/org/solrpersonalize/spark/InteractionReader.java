package org.solrpersonalize.spark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.data.InteractionRowParser;
import org.solrpersonalize.trainer.data.Interactions;
import org.solrpersonalize.trainer.data.LoadOptions;
import org.solrpersonalize.trainer.data.TimeDecay;

/**
 * Reads interaction files from any Hadoop path ({@code file:}, {@code hdfs:}, {@code s3a:}, globs
 * and directories) into a {@link #SCHEMA} data frame, by the same rules as {@code bin/trainer}: the
 * {@code --columns} names, the {@code --events} weights, the {@code --half-life} decay (each event
 * decayed before repeated pairs are summed; an event it cannot decay is a bad line), and {@code
 * --max-errors}: every bad line is reported as {@code file:line: reason} (Parquet: {@code file:row
 * N: reason}), and the first one beyond the tolerated number fails the read with that message. Ids
 * must pass the local id rules, and a line of weight 0 (a weight of 0, or an event weighing 0) is
 * dropped and counted, not an interaction, exactly as {@code InteractionLoader} does.
 *
 * <pre>{@code
 * ReadInteractions read = new InteractionReader(spark, LoadOptions.DEFAULT, "auto",
 *     System.err::println).read(List.of("hdfs:///logs/2026/*.csv"));
 * }</pre>
 */
public final class InteractionReader {
  /** Columns of the data frame {@link #read} returns; {@code timestamp} is null when unknown. */
  public static final StructType SCHEMA =
      new StructType()
          .add("user", DataTypes.StringType, false)
          .add("item", DataTypes.StringType, false)
          .add("weight", DataTypes.FloatType, false)
          .add("timestamp", DataTypes.LongType, true);

  private final SparkSession spark;
  private final LoadOptions options;
  private final String format;
  private final Consumer<String> errors;

  /**
   * @param format {@code auto} (by file extension), {@code csv}, {@code tsv}, {@code jsonl} or
   *     {@code parquet}
   * @param errors receives each tolerated bad line as {@code file:line: reason}
   */
  public InteractionReader(
      SparkSession spark, LoadOptions options, String format, Consumer<String> errors) {
    this.spark = Objects.requireNonNull(spark, "spark");
    this.options = Objects.requireNonNull(options, "options");
    this.format = Objects.requireNonNull(format, "format");
    this.errors = Objects.requireNonNull(errors, "errors");
  }

  /**
   * The interactions of the files under {@code paths}, their line counts and a fingerprint of the
   * files read. The parsed rows stay cached until {@link ReadInteractions#release()}.
   *
   * @throws BadInputException for a bad line beyond {@code --max-errors}, a missing column, no
   *     file, or no interaction at all
   */
  public ReadInteractions read(List<String> paths) throws IOException {
    if (paths.isEmpty()) {
      throw new BadInputException("no interaction files given");
    }
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    List<FileStatus> files = list(paths, hadoop);
    Map<String, TextSplitParser.FileLayout> textFiles = new LinkedHashMap<>();
    List<String> parquetFiles = new ArrayList<>();
    for (FileStatus file : files) {
      String name = file.getPath().toString();
      InputFormat fileFormat = InputFormat.of(format, file.getPath().getName());
      if (fileFormat == InputFormat.PARQUET) {
        parquetFiles.add(name);
      } else {
        textFiles.put(
            name,
            new TextSplitParser.FileLayout(fileFormat, header(file.getPath(), fileFormat, hadoop)));
      }
    }

    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<ParsedRow> parsed = null;
    JavaNewHadoopRDD<LongWritable, Text> lines = null;
    if (!textFiles.isEmpty()) {
      lines = textLines(jsc, textFiles.keySet(), hadoop);
      parsed = lines.mapPartitionsWithInputSplit(new TextSplitParser(textFiles, options), false);
    }
    if (!parquetFiles.isEmpty()) {
      JavaRDD<ParsedRow> rows = ParquetRows.parse(spark, parquetFiles, options);
      parsed = parsed == null ? rows : parsed.union(rows);
    }
    parsed = parsed.persist(StorageLevel.MEMORY_AND_DISK_SER());

    Map<Byte, Long> counts = parsed.map(row -> row.kind()).countByValue();
    long used = counts.getOrDefault(ParsedRow.GOOD, 0L);
    long rejected = counts.getOrDefault(ParsedRow.BAD, 0L);
    long blank = counts.getOrDefault(ParsedRow.BLANK, 0L);
    long zeroWeight = counts.getOrDefault(ParsedRow.ZERO_WEIGHT, 0L);
    if (rejected > 0) {
      reportRejections(parsed, lines, rejected);
    }
    if (used == 0) {
      parsed.unpersist(false);
      throw new BadInputException("no interactions in " + paths);
    }
    JavaRDD<ParsedRow> good = parsed.filter(row -> row.kind() == ParsedRow.GOOD);
    TimeDecay decay = options.decay();
    // As the local loader: ages from --as-of, else from the newest event (all weigh > 0), which
    // costs a pass over the rows only when there is no --as-of.
    long reference =
        decay == null
            ? 0
            : decay.reference(() -> good.map(ParsedRow::timestamp).fold(Long.MIN_VALUE, Math::max));
    JavaRDD<Row> rows =
        good.map(
            row ->
                RowFactory.create(
                    row.user(),
                    row.item(),
                    decay == null
                        ? row.weight()
                        : decay.decay(row.weight(), row.timestamp(), reference),
                    row.timestamp() == Interactions.NO_TIMESTAMP ? null : row.timestamp()));
    Dataset<Row> frame = spark.createDataFrame(rows, SCHEMA);
    return new ReadInteractions(
        frame,
        used + rejected + zeroWeight,
        used,
        rejected,
        blank,
        zeroWeight,
        fingerprint(files),
        parsed);
  }

  /** Files under the paths (globs and directories expanded, hidden files skipped), sorted. */
  private static List<FileStatus> list(List<String> paths, Configuration hadoop)
      throws IOException {
    TreeMap<String, FileStatus> files = new TreeMap<>();
    for (String text : paths) {
      Path path = new Path(text);
      FileSystem fs = path.getFileSystem(hadoop);
      FileStatus[] matches = fs.globStatus(path);
      if (matches == null || matches.length == 0) {
        throw new BadInputException(text + ": interaction file not found");
      }
      for (FileStatus match : matches) {
        if (match.isDirectory()) {
          for (FileStatus child : fs.listStatus(match.getPath())) {
            String name = child.getPath().getName();
            if (child.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
              files.put(child.getPath().toString(), child);
            }
          }
        } else {
          files.put(match.getPath().toString(), match);
        }
      }
    }
    if (files.isEmpty()) {
      throw new BadInputException("no interaction files under " + paths);
    }
    return new ArrayList<>(files.values());
  }

  /**
   * The header of a CSV or TSV file (its first non-blank line, checked for the required columns),
   * "" for an empty file, null for JSONL. As in the local loader, a file whose first non-blank line
   * cannot be read (malformed UTF-8, over 1 MiB) ends the read: JSONL files are checked too.
   */
  private String header(Path file, InputFormat fileFormat, Configuration hadoop)
      throws IOException {
    FileSystem fs = file.getFileSystem(hadoop);
    CompressionCodec codec = new CompressionCodecFactory(hadoop).getCodec(file);
    InputStream raw = fs.open(file);
    InteractionRowParser.NumberedLine line =
        InteractionRowParser.firstLine(
            codec == null ? raw : codec.createInputStream(raw), file.toString());
    if (fileFormat == InputFormat.JSONL) {
      return null;
    }
    if (line == null) {
      return ""; // An empty file has no header and no lines: it contributes nothing.
    }
    try {
      InteractionRowParser.delimited(
          line.text(), fileFormat == InputFormat.TSV ? '\t' : ',', options);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(file + ":" + line.number() + ": " + e.getMessage());
    }
    return line.text();
  }

  private static JavaNewHadoopRDD<LongWritable, Text> textLines(
      JavaSparkContext jsc, Iterable<String> files, Configuration hadoop) throws IOException {
    Job job = Job.getInstance(new Configuration(hadoop));
    List<Path> inputs = new ArrayList<>();
    files.forEach(f -> inputs.add(new Path(f)));
    FileInputFormat.setInputPaths(job, inputs.toArray(new Path[0]));
    return (JavaNewHadoopRDD<LongWritable, Text>)
        jsc.newAPIHadoopRDD(
            job.getConfiguration(), TextInputFormat.class, LongWritable.class, Text.class);
  }

  /**
   * Reports the first {@code --max-errors} bad lines in file order, or fails with the one after
   * them, worded as the local loader words it.
   */
  private void reportRejections(
      JavaRDD<ParsedRow> parsed, JavaNewHadoopRDD<LongWritable, Text> lines, long rejected) {
    int wanted = (int) Math.min(options.maxErrors() + 1, Integer.MAX_VALUE - 8);
    List<ParsedRow> first = parsed.filter(row -> row.kind() == ParsedRow.BAD).take(wanted);
    LineNumbers numbers = LineNumbers.of(first, lines);
    List<String> messages = new ArrayList<>(first.size());
    for (ParsedRow row : first) {
      messages.add(numbers.location(row) + row.problem());
    }
    if (rejected > options.maxErrors()) {
      parsed.unpersist(false);
      String message = messages.get(messages.size() - 1);
      throw options.tooManyErrors(message);
    }
    messages.forEach(errors);
  }

  /**
   * {@code sha256:} of every file's path, length and modification time, in path order: it traces a
   * model to its input without reading the input twice (the local trainer hashes the bytes, so the
   * two engines' fingerprints of the same file differ).
   */
  private static String fingerprint(List<FileStatus> files) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (FileStatus file : files) {
        digest.update(
            String.format(
                    Locale.ROOT,
                    "%s\t%d\t%d\n",
                    file.getPath(),
                    file.getLen(),
                    file.getModificationTime())
                .getBytes(StandardCharsets.UTF_8));
      }
      return "sha256:" + HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}

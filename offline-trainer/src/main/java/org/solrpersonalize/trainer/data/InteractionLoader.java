package org.solrpersonalize.trainer.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Loads interaction files (CSV, TSV with a header, or JSONL) into {@link Interactions}.
 *
 * <p>The format comes from the extension ({@code .csv}, {@code .tsv}/{@code .tab}, {@code
 * .jsonl}/{@code .ndjson}/{@code .json}), otherwise from the first line: an opening brace means
 * JSONL, a tab means TSV, else CSV. Every bad line is reported as {@code file:line: reason}. With
 * {@code maxErrors = 0} the first one ends the load with a {@link BadInputException} carrying
 * exactly that message; with N, bad lines go to the error consumer until the (N+1)-th ends the
 * load. A line whose weight is 0 (a weight column of 0, or an event mapped to 0) is dropped and
 * counted in the summary, not rejected: it says "this event does not count", which an {@code
 * --events view=0} mapping may mean on purpose, and as an interaction it would make the pair a
 * positive (confidence 1) all the same. Ids must pass {@link IdRules}; weights above {@link
 * LineParser#MAX_WEIGHT} are bad lines. With a {@link TimeDecay} every weight is decayed by its
 * event's age before pairs are summed.
 *
 * <pre>{@code
 * Interactions data = new InteractionLoader(LoadOptions.DEFAULT, System.err::println)
 *     .load(List.of(Path.of("events.csv")), bytes -> {});
 * }</pre>
 */
public final class InteractionLoader {
  private static final int PROGRESS_EVERY_LINES = 1 << 16;

  private final LoadOptions options;
  private final Consumer<String> errors;

  /**
   * @param errors receives each tolerated bad line as {@code file:line: reason}
   */
  public InteractionLoader(LoadOptions options, Consumer<String> errors) {
    this.options = Objects.requireNonNull(options, "options");
    this.errors = Objects.requireNonNull(errors, "errors");
  }

  /** Total size of the files, for a progress bar over {@link #load}'s byte counts. */
  public static long totalBytes(List<Path> files) throws IOException {
    long total = 0;
    for (Path file : files) {
      total += Files.size(existing(file));
    }
    return total;
  }

  /**
   * @param progress receives the number of bytes read so far, now and then
   * @throws BadInputException for a bad line (beyond the tolerated number), a missing column, or
   *     input without a single interaction
   */
  public Interactions load(List<Path> files, LongConsumer progress) throws IOException {
    if (files.isEmpty()) {
      throw new BadInputException("no interaction files given");
    }
    Run run = new Run();
    long offset = 0;
    for (Path file : files) {
      readFile(existing(file), run, offset, progress);
      offset += Files.size(file);
    }
    progress.accept(offset);
    if (run.used == 0) {
      throw new BadInputException("no interactions in " + files);
    }
    if (options.decay() != null) {
      options.decay().apply(run.buffer, run.newest);
    }
    UserItemMatrixBuilder.Result built =
        UserItemMatrixBuilder.build(run.buffer, run.users.size(), run.items.size());
    LoadSummary summary =
        new LoadSummary(
            run.read, run.used, run.rejected, run.blank, built.duplicatesMerged(), run.zeroWeight);
    return new Interactions(
        run.users.ids(),
        run.items.ids(),
        built.matrix(),
        built.matrix().transpose(),
        built.timestamps(),
        "sha256:" + HexFormat.of().formatHex(run.digest.digest()),
        summary);
  }

  private static Path existing(Path file) throws NoSuchFileException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null, "interaction file not found");
    }
    return file;
  }

  /** State of one load across files. */
  private static final class Run {
    final IdInterner users = new IdInterner();
    final IdInterner items = new IdInterner();
    final InteractionBuffer buffer = new InteractionBuffer();
    final ParsedLine line = new ParsedLine();
    final MessageDigest digest = sha256();
    long read;
    long used;
    long rejected;
    long blank;
    long zeroWeight;
    long newest = Long.MIN_VALUE;
  }

  private void readFile(Path file, Run run, long offset, LongConsumer progress) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    try (Utf8LineReader reader = new Utf8LineReader(in, run.digest)) {
      LineParser parser = null;
      String text;
      while (true) {
        try {
          text = reader.next();
        } catch (CharacterCodingException | Utf8LineReader.LineTooLongException e) {
          String reason = InteractionRowParser.unreadable(e);
          if (parser == null) {
            // Without a readable first line the format and columns are unknown: nothing to skip to.
            throw new BadInputException(location(file, reader.lineNumber()) + reason);
          }
          run.read++;
          reject(run, file, reader.lineNumber(), reason);
          continue;
        }
        if (text == null) {
          break;
        }
        if (text.isBlank()) {
          run.blank++;
          continue;
        }
        if (parser == null) {
          parser = parserFor(file, text, reader.lineNumber());
          if (parser instanceof DelimitedLineParser) {
            continue; // the line was the header
          }
        }
        run.read++;
        run.line.reset();
        String problem =
            InteractionRowParser.check(parser.parse(text, run.line), run.line, options.decay());
        if (problem != null) {
          reject(run, file, reader.lineNumber(), problem);
          continue;
        }
        if (run.line.weight == 0f) {
          run.zeroWeight++;
          continue;
        }
        run.newest = Math.max(run.newest, run.line.timestamp);
        run.buffer.add(
            run.users.intern(run.line.user),
            run.items.intern(run.line.item),
            run.line.weight,
            run.line.timestamp);
        run.used++;
        if (run.read % PROGRESS_EVERY_LINES == 0) {
          progress.accept(offset + reader.bytesRead());
        }
      }
    }
  }

  private LineParser parserFor(Path file, String firstLine, long lineNumber) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean json = name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json");
    char delimiter;
    if (name.endsWith(".csv")) {
      delimiter = ',';
    } else if (name.endsWith(".tsv") || name.endsWith(".tab")) {
      delimiter = '\t';
    } else if (json || firstLine.stripLeading().startsWith("{")) {
      return new JsonLineParser(options.columns(), options.events());
    } else {
      delimiter = firstLine.indexOf('\t') >= 0 ? '\t' : ',';
    }
    try {
      return DelimitedLineParser.fromHeader(
          firstLine, delimiter, options.columns(), options.events());
    } catch (IllegalArgumentException e) {
      throw new BadInputException(location(file, lineNumber) + e.getMessage());
    }
  }

  private void reject(Run run, Path file, long lineNumber, String reason) {
    run.rejected++;
    String message = location(file, lineNumber) + reason;
    if (run.rejected > options.maxErrors()) {
      throw options.tooManyErrors(message);
    }
    errors.accept(message);
  }

  /** {@code file:line: }, the prefix of every bad-line message. */
  static String location(Object file, long lineNumber) {
    return file + ":" + lineNumber + ": ";
  }

  /** A fresh SHA-256 digest, for input fingerprints. */
  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}

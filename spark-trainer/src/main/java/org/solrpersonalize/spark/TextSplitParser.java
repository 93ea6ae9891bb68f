package org.solrpersonalize.spark;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.spark.api.java.function.Function2;
import org.solrpersonalize.trainer.data.ColumnNames;
import org.solrpersonalize.trainer.data.EventWeights;
import org.solrpersonalize.trainer.data.InteractionRowParser;
import org.solrpersonalize.trainer.data.LoadOptions;
import org.solrpersonalize.trainer.data.TimeDecay;
import scala.Tuple2;

/**
 * Parses the lines of one input split of a CSV, TSV or JSONL file into {@link ParsedRow}s, on an
 * executor. A split that starts the file skips its header (the first non-blank line), as the local
 * loader does. Lines are decoded as strict UTF-8, so a malformed line is rejected, not mangled.
 */
final class TextSplitParser
    implements Function2<InputSplit, Iterator<Tuple2<LongWritable, Text>>, Iterator<ParsedRow>> {
  private static final long serialVersionUID = 1L;

  /** Per file: its format and, for CSV and TSV, its header line. */
  record FileLayout(InputFormat format, String header) implements java.io.Serializable {}

  private final Map<String, FileLayout> layouts;

  /** LoadOptions as its flag texts: records of the trainer are not serializable. */
  private final String columns;

  private final String events;

  /** {@code --half-life}, null for none: lines it cannot decay are bad lines. */
  private final TimeDecay decay;

  TextSplitParser(Map<String, FileLayout> layouts, LoadOptions options) {
    this.layouts = Map.copyOf(layouts);
    this.columns = options.columns().toString();
    this.events = options.events().toString();
    this.decay = options.decay();
  }

  @Override
  public Iterator<ParsedRow> call(InputSplit split, Iterator<Tuple2<LongWritable, Text>> lines) {
    FileSplit fileSplit = (FileSplit) split;
    String file = fileSplit.getPath().toString();
    FileLayout layout = layouts.get(file);
    if (layout == null) {
      throw new IllegalStateException("no layout for input file " + file);
    }
    LoadOptions options =
        new LoadOptions(ColumnNames.parse(columns), EventWeights.parse(events), 0, decay);
    // A CSV or TSV file without a header has only blank lines: no parser is needed.
    InteractionRowParser parser =
        layout.format() == InputFormat.JSONL
            ? InteractionRowParser.jsonLines(options)
            : layout.header().isEmpty()
                ? null
                : InteractionRowParser.delimited(
                    layout.header(), layout.format() == InputFormat.TSV ? '\t' : ',', options);
    boolean headerPending = fileSplit.getStart() == 0 && layout.format() != InputFormat.JSONL;
    CharsetDecoder utf8 =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    return new Iterator<>() {
      long index = -1;
      boolean skipHeader = headerPending;
      ParsedRow next;

      @Override
      public boolean hasNext() {
        while (next == null && lines.hasNext()) {
          next = parse(lines.next()._2());
        }
        return next != null;
      }

      @Override
      public ParsedRow next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        ParsedRow row = next;
        next = null;
        return row;
      }

      /** The row of one line, or null for the header. */
      private ParsedRow parse(Text bytes) {
        index++;
        String text;
        try {
          text = utf8.decode(ByteBuffer.wrap(bytes.getBytes(), 0, bytes.getLength())).toString();
        } catch (CharacterCodingException e) {
          return ParsedRow.bad("malformed UTF-8", file, fileSplit.getStart(), index);
        }
        if (text.isBlank()) {
          return ParsedRow.blank();
        }
        if (skipHeader) {
          skipHeader = false;
          return null;
        }
        String problem = parser.parse(text);
        if (problem != null) {
          return ParsedRow.bad(problem, file, fileSplit.getStart(), index);
        }
        return ParsedRow.good(parser.user(), parser.item(), parser.weight(), parser.timestamp());
      }
    };
  }
}

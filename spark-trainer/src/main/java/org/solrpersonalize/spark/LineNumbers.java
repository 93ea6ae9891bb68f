package org.solrpersonalize.spark;

import java.io.Serializable;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.spark.api.java.JavaNewHadoopRDD;

/**
 * Turns where a bad row was found (a split of a file and a line within it) into {@code file:line:}.
 * A split knows its byte offset, not its first line number, so for rows beyond a file's first split
 * the lines of the earlier splits are counted, in one extra pass over the files that have such
 * rows, and only when some row is reported.
 */
final class LineNumbers {
  /** Lines in one split of one file. */
  record SplitLines(String file, long start, long lines) implements Serializable {}

  private final List<SplitLines> splits;

  private LineNumbers(List<SplitLines> splits) {
    this.splits = splits;
  }

  static LineNumbers of(List<ParsedRow> rows, JavaNewHadoopRDD<LongWritable, Text> lines) {
    Set<String> files = new HashSet<>();
    for (ParsedRow row : rows) {
      if (row.splitStart() > 0) {
        files.add(row.file());
      }
    }
    if (files.isEmpty()) {
      return new LineNumbers(List.of());
    }
    return new LineNumbers(
        lines
            .mapPartitionsWithInputSplit(
                (split, records) -> countLines((FileSplit) split, records, files), false)
            .collect());
  }

  private static Iterator<SplitLines> countLines(
      FileSplit split, Iterator<?> records, Set<String> files) {
    String file = split.getPath().toString();
    if (!files.contains(file)) {
      return List.<SplitLines>of().iterator();
    }
    long count = 0;
    while (records.hasNext()) {
      records.next();
      count++;
    }
    return List.of(new SplitLines(file, split.getStart(), count)).iterator();
  }

  /** {@code file:line: }, {@code file:row N: } for Parquet, or {@code file: } without a row. */
  String location(ParsedRow row) {
    if (row.splitStart() < 0) {
      return row.index() < 0 ? row.file() + ": " : row.file() + ":row " + (row.index() + 1) + ": ";
    }
    long before = 0;
    for (SplitLines split : splits) {
      if (split.file().equals(row.file()) && split.start() < row.splitStart()) {
        before += split.lines();
      }
    }
    return row.file() + ":" + (before + row.index() + 1) + ": ";
  }
}

package org.solrpersonalize.trainer.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CSV or TSV lines after a header that names the columns. User and item columns are required; a
 * weight column wins over an event column; without either every line weighs 1.
 */
final class DelimitedLineParser implements LineParser {
  private final DelimitedFields fields;
  private final EventWeights events;
  private final int columnCount;
  private final int user;
  private final int item;
  private final int weight;
  private final int timestamp;
  private final int event;

  private DelimitedLineParser(char delimiter, EventWeights events, int columnCount, int[] roles) {
    this.fields = new DelimitedFields(delimiter);
    this.events = events;
    this.columnCount = columnCount;
    this.user = roles[0];
    this.item = roles[1];
    this.weight = roles[2];
    this.timestamp = roles[3];
    this.event = roles[4];
  }

  /**
   * Reads the header.
   *
   * @throws IllegalArgumentException naming the missing column
   */
  static DelimitedLineParser fromHeader(
      String header, char delimiter, ColumnNames names, EventWeights events) {
    DelimitedFields split = new DelimitedFields(delimiter);
    String problem = split.split(header);
    if (problem != null) {
      throw new IllegalArgumentException("header: " + problem);
    }
    List<String> columns = new ArrayList<>();
    for (int i = 0; i < split.count(); i++) {
      columns.add(split.get(i));
    }
    int[] roles = {
      columns.indexOf(names.user()),
      columns.indexOf(names.item()),
      columns.indexOf(names.weight()),
      columns.indexOf(names.timestamp()),
      columns.indexOf(names.event())
    };
    String missing = names.missingRequiredProblem(columns);
    if (missing != null) {
      throw new IllegalArgumentException("header " + missing);
    }
    return new DelimitedLineParser(delimiter, events, columns.size(), roles);
  }

  @Override
  public String parse(String line, ParsedLine out) {
    String problem = fields.split(line);
    if (problem != null) {
      return problem;
    }
    if (fields.count() != columnCount) {
      return String.format(
          Locale.ROOT, "expected %d fields, found %d", columnCount, fields.count());
    }
    out.user = fields.get(user);
    if (out.user.isEmpty()) {
      return "empty user id";
    }
    out.item = fields.get(item);
    if (out.item.isEmpty()) {
      return "empty item id";
    }
    if (weight >= 0) {
      problem = LineParser.parseWeight(fields.get(weight), out);
    } else if (event >= 0) {
      problem = LineParser.mapEvent(fields.get(event), events, out);
    }
    if (problem == null && timestamp >= 0) {
      problem = LineParser.parseTimestamp(fields.get(timestamp), out);
    }
    return problem;
  }
}

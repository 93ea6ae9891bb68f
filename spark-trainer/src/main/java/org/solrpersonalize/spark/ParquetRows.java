package org.solrpersonalize.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.data.ColumnNames;
import org.solrpersonalize.trainer.data.EventWeights;
import org.solrpersonalize.trainer.data.InteractionRowParser;
import org.solrpersonalize.trainer.data.LoadOptions;
import org.solrpersonalize.trainer.data.TimeDecay;

/**
 * Parquet input: the columns of {@code --columns} by name, any type that reads as text (ids may be
 * strings or integers, weights numbers or numeric strings, times numbers, strings or timestamps),
 * checked row by row by the rules of a CSV line (a null is an empty field). A bad row is located by
 * Spark's {@code _metadata.row_index} when the reader offers it.
 */
final class ParquetRows {
  private ParquetRows() {}

  static JavaRDD<ParsedRow> parse(SparkSession spark, List<String> files, LoadOptions options) {
    Dataset<Row> frame = spark.read().parquet(files.toArray(new String[0]));
    ColumnNames names = options.columns();
    StructType schema = frame.schema();
    List<String> present = Arrays.asList(schema.fieldNames());
    String missing = names.missingRequiredProblem(present);
    if (missing != null) {
      throw new BadInputException(files.get(0) + ": " + missing);
    }
    List<Column> columns = new ArrayList<>();
    columns.add(asText(frame, names.user()));
    columns.add(asText(frame, names.item()));
    boolean hasWeight = present.contains(names.weight());
    columns.add(hasWeight ? asText(frame, names.weight()) : nullText());
    columns.add(
        !hasWeight && present.contains(names.event()) ? asText(frame, names.event()) : nullText());
    columns.add(
        present.contains(names.timestamp()) ? time(frame, schema, names.timestamp()) : nullText());
    columns.add(col("_metadata.file_path"));
    Dataset<Row> selected;
    try {
      List<Column> withIndex = new ArrayList<>(columns);
      withIndex.add(col("_metadata.row_index"));
      selected = frame.select(withIndex.toArray(new Column[0]));
    } catch (Exception e) {
      // AnalysisException (a checked exception Scala throws unchecked): no row index here.
      List<Column> withoutIndex = new ArrayList<>(columns);
      withoutIndex.add(lit(-1L));
      selected = frame.select(withoutIndex.toArray(new Column[0]));
    }
    String columnSpec = names.toString();
    String eventSpec = options.events().toString();
    TimeDecay decay = options.decay();
    boolean[] read = {
      true,
      true,
      hasWeight,
      !hasWeight && present.contains(names.event()),
      present.contains(names.timestamp())
    };
    return selected
        .javaRDD()
        .mapPartitions(rows -> checkRows(rows, read, columnSpec, eventSpec, decay));
  }

  /**
   * @param read per field (user, item, weight, event, time), whether the file has its column
   */
  private static Iterator<ParsedRow> checkRows(
      Iterator<Row> rows, boolean[] read, String columnSpec, String eventSpec, TimeDecay decay) {
    InteractionRowParser parser =
        InteractionRowParser.columnar(
            new LoadOptions(
                ColumnNames.parse(columnSpec), EventWeights.parse(eventSpec), 0, decay));
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public ParsedRow next() {
        Row row = rows.next();
        String problem =
            parser.parseFields(
                field(row, 0, read),
                field(row, 1, read),
                field(row, 2, read),
                field(row, 3, read),
                field(row, 4, read));
        if (problem != null) {
          long index = row.isNullAt(6) ? -1 : row.getLong(6);
          return ParsedRow.bad(problem, row.getString(5), -1, index);
        }
        return ParsedRow.of(parser);
      }
    };
  }

  /**
   * A field as the same field of a CSV line reads: trimmed, and empty where the row holds null (so
   * a null weight or event is a bad row and a null time no time, as an empty CSV field is); null
   * only when the file has no such column.
   */
  private static String field(Row row, int index, boolean[] read) {
    if (!read[index]) {
      return null;
    }
    return row.isNullAt(index) ? "" : row.getString(index).trim();
  }

  private static Column asText(Dataset<Row> frame, String name) {
    return frame.col(name).cast(DataTypes.StringType);
  }

  /** Times as text the trainer parses: timestamps as ISO-8601 with their offset. */
  private static Column time(Dataset<Row> frame, StructType schema, String name) {
    DataType type = schema.apply(name).dataType();
    if (type.equals(DataTypes.TimestampType) || type.equals(DataTypes.DateType)) {
      return date_format(frame.col(name), "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    }
    return frame.col(name).cast(DataTypes.StringType);
  }

  private static Column nullText() {
    return lit(null).cast(DataTypes.StringType);
  }
}

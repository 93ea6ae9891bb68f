package org.solrpersonalize.trainer.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads a product catalog ({@code train --catalog}): CSV or TSV with a header, where a multi-valued
 * field separates its values with {@code |}, or JSONL, where an array is multi-valued. The format
 * comes from the extension, else from the first line, as for interaction logs. Bad lines are
 * reported as {@code file:line: reason} and tolerated up to {@code maxErrors}, like the interaction
 * loader's.
 *
 * <pre>{@code
 * Catalog catalog =
 *     new CatalogLoader("id", List.of("title", "category"), LoadOptions.DEFAULT, System.err::println)
 *         .load(Path.of("catalog.csv"));
 * }</pre>
 */
public final class CatalogLoader {
  /** Separates the values of a multi-valued CSV or TSV field. */
  public static final char MULTI_VALUE_SEPARATOR = '|';

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String idField;
  private final List<String> fields;
  private final LoadOptions limits;
  private final Consumer<String> errors;

  /**
   * @param idField the column or JSON field holding the item id
   * @param fields the content fields to read
   * @param limits the interaction log's options, of which the catalog shares {@code maxErrors}
   * @param errors receives each tolerated bad line as {@code file:line: reason}
   */
  public CatalogLoader(
      String idField, List<String> fields, LoadOptions limits, Consumer<String> errors) {
    this.idField = Objects.requireNonNull(idField, "idField");
    this.fields = List.copyOf(fields);
    this.limits = Objects.requireNonNull(limits, "limits");
    this.errors = Objects.requireNonNull(errors, "errors");
    if (this.fields.isEmpty()) {
      throw new BadInputException("--content-fields names no field");
    }
  }

  /**
   * @throws BadInputException for a bad line beyond the tolerated number, a header without one of
   *     the fields, or a catalog without a single item
   */
  public Catalog load(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null, "catalog file not found");
    }
    MessageDigest digest = InteractionLoader.sha256();
    List<Catalog.Item> items = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    long read = 0;
    long rejected = 0;
    long duplicates = 0;
    try (Utf8LineReader reader =
        new Utf8LineReader(new BufferedInputStream(Files.newInputStream(file), 1 << 16), digest)) {
      RowReader rows = null;
      while (true) {
        String text;
        String problem = null;
        try {
          text = reader.next();
        } catch (CharacterCodingException | Utf8LineReader.LineTooLongException e) {
          text = "";
          problem = e instanceof CharacterCodingException ? "malformed UTF-8" : e.getMessage();
          if (rows == null) {
            throw new BadInputException(
                InteractionLoader.location(file, reader.lineNumber()) + problem);
          }
        }
        if (text == null) {
          break;
        }
        if (problem == null && text.isBlank()) {
          continue;
        }
        if (rows == null) {
          rows = rowReader(file, text, reader.lineNumber());
          if (rows instanceof DelimitedRows) {
            continue; // the header
          }
        }
        read++;
        Map<String, List<String>> values = new LinkedHashMap<>();
        String[] id = new String[1];
        if (problem == null) {
          problem = rows.read(text, id, values);
        }
        if (problem == null) {
          problem = id[0].isEmpty() ? "empty item id" : IdRules.check(id[0], "item");
        }
        if (problem != null) {
          rejected++;
          String message = InteractionLoader.location(file, reader.lineNumber()) + problem;
          if (rejected > limits.maxErrors()) {
            throw limits.tooManyErrors(message);
          }
          errors.accept(message);
          continue;
        }
        if (!seen.add(id[0])) {
          duplicates++;
          continue;
        }
        items.add(new Catalog.Item(id[0], values));
      }
    }
    if (items.isEmpty()) {
      throw new BadInputException("no catalog items in " + file);
    }
    return new Catalog(
        items, "sha256:" + HexFormat.of().formatHex(digest.digest()), read, rejected, duplicates);
  }

  /** Reads one data line into the id and the content fields' values; null or a reason. */
  private interface RowReader {
    String read(String line, String[] id, Map<String, List<String>> values);
  }

  private RowReader rowReader(Path file, String firstLine, long lineNumber) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean json = name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json");
    if (json
        || (!name.endsWith(".csv")
            && !name.endsWith(".tsv")
            && firstLine.stripLeading().startsWith("{"))) {
      return new JsonRows();
    }
    char delimiter =
        name.endsWith(".csv")
            ? ','
            : name.endsWith(".tsv") || name.endsWith(".tab") || firstLine.indexOf('\t') >= 0
                ? '\t'
                : ',';
    DelimitedFields header = new DelimitedFields(delimiter);
    String problem = header.split(firstLine);
    if (problem != null) {
      throw new BadInputException(
          InteractionLoader.location(file, lineNumber) + "header: " + problem);
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < header.count(); i++) {
      names.add(header.get(i));
    }
    int[] columns = new int[fields.size()];
    for (int f = 0; f < fields.size(); f++) {
      columns[f] = column(names, fields.get(f), "--content-fields", file, lineNumber);
    }
    int idColumn = column(names, idField, "--catalog-id-field", file, lineNumber);
    return new DelimitedRows(new DelimitedFields(delimiter), idColumn, columns, names.size());
  }

  private static int column(
      List<String> names, String field, String flag, Path file, long lineNumber) {
    int index = names.indexOf(field);
    if (index < 0) {
      throw new BadInputException(
          String.format(
              Locale.ROOT,
              "%sthe header has no column '%s' (%s); columns: %s",
              InteractionLoader.location(file, lineNumber),
              field,
              flag,
              String.join(", ", names)));
    }
    return index;
  }

  private final class DelimitedRows implements RowReader {
    private final DelimitedFields split;
    private final int idColumn;
    private final int[] columns;
    private final int width;

    DelimitedRows(DelimitedFields split, int idColumn, int[] columns, int width) {
      this.split = split;
      this.idColumn = idColumn;
      this.columns = columns;
      this.width = width;
    }

    @Override
    public String read(String line, String[] id, Map<String, List<String>> values) {
      String problem = split.split(line);
      if (problem != null) {
        return problem;
      }
      if (split.count() != width) {
        return String.format(Locale.ROOT, "has %d fields, the header has %d", split.count(), width);
      }
      id[0] = split.get(idColumn);
      for (int f = 0; f < columns.length; f++) {
        List<String> list = new ArrayList<>();
        for (String value : split.get(columns[f]).split("\\|", -1)) {
          addValue(list, value);
        }
        values.put(fields.get(f), list);
      }
      return null;
    }
  }

  private final class JsonRows implements RowReader {
    @Override
    public String read(String line, String[] id, Map<String, List<String>> values) {
      JsonNode node;
      try {
        node = JSON.readTree(line);
      } catch (JsonProcessingException e) {
        return "not valid JSON: " + e.getOriginalMessage();
      }
      if (node == null || !node.isObject()) {
        return "not a JSON object";
      }
      JsonNode idNode = node.get(idField);
      if (idNode == null || !idNode.isValueNode() || idNode.isNull()) {
        return "no scalar '" + idField + "' field (--catalog-id-field)";
      }
      id[0] = idNode.asText();
      for (String field : fields) {
        JsonNode value = node.get(field);
        List<String> list = new ArrayList<>();
        if (value != null && value.isArray()) {
          for (JsonNode element : value) {
            if (!element.isValueNode()) {
              return "field '" + field + "' holds an array with a non-scalar element";
            }
            if (!element.isNull()) {
              addValue(list, element.asText());
            }
          }
        } else if (value != null && value.isObject()) {
          return "field '" + field + "' is an object, expected a value or an array of values";
        } else if (value != null && !value.isNull()) {
          addValue(list, value.asText());
        }
        values.put(field, list);
      }
      return null;
    }
  }

  private static void addValue(List<String> list, String value) {
    String trimmed = value.trim();
    if (!trimmed.isEmpty()) {
      list.add(trimmed);
    }
  }
}

package org.solrpersonalize.trainer.data;

import java.util.Arrays;

/**
 * Splits one CSV or TSV line into fields. A field may be quoted with {@code "}, a doubled quote
 * inside it stands for one quote (RFC 4180); fields do not span lines. Reuses its field array, so
 * splitting allocates only the field strings.
 */
final class DelimitedFields {
  private final char delimiter;
  private String[] fields = new String[8];
  private int count;
  private final StringBuilder quoted = new StringBuilder();

  DelimitedFields(char delimiter) {
    this.delimiter = delimiter;
  }

  /**
   * Splits {@code line}.
   *
   * @return null on success, otherwise the reason the line cannot be split
   */
  String split(String line) {
    count = 0;
    int i = 0;
    int n = line.length();
    while (true) {
      if (i < n && line.charAt(i) == '"') {
        quoted.setLength(0);
        i++;
        while (true) {
          if (i >= n) {
            return "unterminated quoted field";
          }
          char c = line.charAt(i++);
          if (c == '"') {
            if (i < n && line.charAt(i) == '"') {
              quoted.append('"');
              i++;
            } else {
              break;
            }
          } else {
            quoted.append(c);
          }
        }
        if (i < n && line.charAt(i) != delimiter) {
          return "unexpected character after a quoted field";
        }
        add(quoted.toString());
      } else {
        int next = line.indexOf(delimiter, i);
        int fieldEnd = next < 0 ? n : next;
        add(line.substring(i, fieldEnd).trim());
        i = fieldEnd;
      }
      if (i >= n) {
        return null;
      }
      i++; // the delimiter
      if (i == n) {
        add("");
        return null;
      }
    }
  }

  private void add(String field) {
    if (count == fields.length) {
      fields = Arrays.copyOf(fields, count * 2);
    }
    fields[count++] = field;
  }

  int count() {
    return count;
  }

  String get(int index) {
    return fields[index];
  }
}

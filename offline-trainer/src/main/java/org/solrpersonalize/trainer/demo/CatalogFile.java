package org.solrpersonalize.trainer.demo;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntFunction;
import org.solrpersonalize.trainer.data.NonBlankLines;

/**
 * {@code catalog.jsonl}: one {@link Product} per line, fields in the order id, title, description,
 * category, brand, price, stock, tags, segment.
 */
public final class CatalogFile {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectReader PRODUCT_READER =
      JSON.readerFor(Product.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  // Products are written by the same record mapping they are read with; one flush at the end.
  private static final ObjectWriter PRODUCT_WRITER =
      JSON.writerFor(Product.class).without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

  private CatalogFile() {}

  /**
   * Receives products as they are read; may fail with an I/O error (for example a Solr request).
   */
  @FunctionalInterface
  public interface ProductSink {
    void accept(Product product) throws IOException;
  }

  /** Writes products {@code 0..count-1} as given by {@code products}, streaming. */
  public static void write(Path file, int count, IntFunction<Product> products) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        JsonGenerator json = JSON.getFactory().createGenerator(out)) {
      // One object per line: no separator between root values, a newline after each.
      json.setRootValueSeparator(null);
      for (int i = 0; i < count; i++) {
        PRODUCT_WRITER.writeValue(json, products.apply(i));
        json.writeRaw('\n');
      }
    }
  }

  /**
   * Reads every product in file order. A bad line stops the read with {@code file:line: reason}.
   */
  public static void read(Path file, ProductSink sink) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      NonBlankLines lines = new NonBlankLines(in);
      for (String line = lines.next(); line != null; line = lines.next()) {
        sink.accept(parse(line, file, lines.number()));
      }
    }
  }

  private static Product parse(String line, Path file, long number) throws IOException {
    try {
      return PRODUCT_READER.readValue(line);
    } catch (JsonProcessingException e) {
      // Product's constructor checks (blank id, negative price) arrive wrapped by Jackson.
      String reason =
          e.getCause() instanceof IllegalArgumentException
              ? e.getCause().getMessage()
              : firstLine(e.getOriginalMessage());
      throw new IOException(file + ":" + number + ": " + reason, e);
    }
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}

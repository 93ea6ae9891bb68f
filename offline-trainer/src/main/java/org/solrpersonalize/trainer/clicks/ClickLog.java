package org.solrpersonalize.trainer.clicks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.data.NonBlankLines;

/**
 * Reads and writes the click log: JSONL, one impression a line, the documents as the response
 * returned them with {@code fl=id,[personalize]}:
 *
 * <pre>{@code
 * {"user":"u1","query":"shoes","clicks":["p3"],
 *  "docs":[{"id":"p3","[personalize]":{"model":"m2","score":0.93,
 *    "text":{"raw":12.1,"normalized":0.8},"dot":{"raw":1.7,"normalized":0.4},
 *    "cluster":{"raw":0.2,"normalized":-0.1},"team":"candidate"}}, ...]}
 * }</pre>
 *
 * A bad line is reported as {@code file:line: reason}; with {@code maxErrors = 0} the first one
 * stops the read, with N the bad lines go to the error consumer until the (N+1)-th stops it (as the
 * interaction loader's {@code --max-errors}). Blank lines are skipped.
 */
public final class ClickLog {
  /** The field of a document that holds the logged parts (Solr's transformer name). */
  public static final String FEATURES = "[personalize]";

  private static final ObjectMapper JSON = new ObjectMapper();

  private ClickLog() {}

  /**
   * The impressions of a click log.
   *
   * @param idField the documents' unique key field ({@code id} in the configsets)
   * @param errors receives each tolerated bad line as {@code file:line: reason}
   * @throws BadInputException for a bad line beyond the tolerated number
   */
  public static List<Impression> read(
      Path file, String idField, long maxErrors, Consumer<String> errors) throws IOException {
    List<Impression> impressions = new ArrayList<>();
    long rejected = 0;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      NonBlankLines lines = new NonBlankLines(reader);
      for (String line = lines.next(); line != null; line = lines.next()) {
        try {
          impressions.add(parse(line, idField));
        } catch (IllegalArgumentException e) {
          rejected++;
          String message = file + ":" + lines.number() + ": " + e.getMessage();
          if (rejected > maxErrors) {
            throw BadInputException.tooManyErrors(message, maxErrors);
          }
          errors.accept(message);
        }
      }
    }
    return impressions;
  }

  /** One line; an IllegalArgumentException says what is wrong with it. */
  static Impression parse(String line, String idField) {
    JsonNode root;
    try {
      root = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "not a JSON object: " + e.getOriginalMessage().split("\n", 2)[0]);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    JsonNode docs = root.get("docs");
    if (docs == null || !docs.isArray()) {
      throw new IllegalArgumentException("\"docs\" must be an array of the shown documents");
    }
    JsonNode clicks = root.get("clicks");
    if (clicks == null || !clicks.isArray()) {
      throw new IllegalArgumentException("\"clicks\" must be an array of clicked ids");
    }
    List<ShownDocument> shown = new ArrayList<>(docs.size());
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < docs.size(); i++) {
      ShownDocument doc = shownDocument(docs.get(i), i, idField);
      if (!ids.add(doc.id())) {
        throw new IllegalArgumentException("document " + doc.id() + " is shown twice");
      }
      shown.add(doc);
    }
    Set<String> clicked = new LinkedHashSet<>();
    for (JsonNode click : clicks) {
      if (!click.isTextual()) {
        throw new IllegalArgumentException("\"clicks\" must hold ids as strings, got " + click);
      }
      if (!ids.contains(click.asText())) {
        throw new IllegalArgumentException(
            "clicked id " + click.asText() + " is not one of the shown documents");
      }
      clicked.add(click.asText());
    }
    return new Impression(text(root, "user"), text(root, "query"), shown, clicked);
  }

  /**
   * One document of an impression: its {@code idField} and its {@code [personalize]} object, as a
   * response with {@code fl=id,[personalize]} gives it; {@code index} names it in messages.
   */
  public static ShownDocument shownDocument(JsonNode doc, int index, String idField) {
    JsonNode id = doc == null ? null : doc.get(idField);
    if (id == null || !id.isValueNode() || id.asText().isEmpty()) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "docs[%d] has no \"%s\"", index, idField));
    }
    JsonNode features = doc.get(FEATURES);
    if (features == null || features.isNull()) {
      return new ShownDocument(id.asText(), null, Double.NaN, null, null, null, null);
    }
    if (!features.isObject()) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "docs[%d].%s must be an object", index, FEATURES));
    }
    ShownDocument.Team team = null;
    JsonNode teamNode = features.get("team");
    if (teamNode != null && !teamNode.isNull()) {
      team = ShownDocument.Team.ofLogValue(teamNode.asText());
      if (team == null) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "docs[%d].%s.team must be active or candidate, got %s",
                index,
                FEATURES,
                teamNode));
      }
    }
    JsonNode score = features.get("score");
    return new ShownDocument(
        id.asText(),
        text(features, "model"),
        score != null && score.isNumber() ? score.asDouble() : Double.NaN,
        part(features, "text", index),
        part(features, "dot", index),
        part(features, "cluster", index),
        team);
  }

  private static ScorePart part(JsonNode features, String name, int index) {
    JsonNode part = features.get(name);
    if (part == null || part.isNull()) {
      return null;
    }
    JsonNode raw = part.get("raw");
    JsonNode normalized = part.get("normalized");
    if (raw == null || !raw.isNumber() || normalized == null || !normalized.isNumber()) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "docs[%d].%s.%s needs numbers raw and normalized, got %s",
              index,
              FEATURES,
              name,
              part));
    }
    return new ScorePart(raw.asDouble(), normalized.asDouble());
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  /** Writes one impression as one line (the documents in shown order, clicks in shown order). */
  public static void write(Impression impression, Writer out) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("user", impression.user());
    root.put("query", impression.query());
    ArrayNode docs = root.putArray("docs");
    ArrayNode clicks = JSON.createArrayNode();
    for (ShownDocument doc : impression.docs()) {
      ObjectNode node = docs.addObject();
      node.put("id", doc.id());
      ObjectNode features = node.putObject(FEATURES);
      if (doc.model() != null) {
        features.put("model", doc.model());
      }
      if (!Double.isNaN(doc.score())) {
        features.put("score", doc.score());
      }
      putPart(features, "text", doc.text());
      putPart(features, "dot", doc.dot());
      putPart(features, "cluster", doc.cluster());
      if (doc.team() != null) {
        features.put("team", doc.team().logValue());
      }
      if (impression.clicked(doc)) {
        clicks.add(doc.id());
      }
    }
    root.set("clicks", clicks);
    out.write(JSON.writeValueAsString(root));
    out.write('\n');
  }

  private static void putPart(ObjectNode features, String name, ScorePart part) {
    if (part != null) {
      ObjectNode node = features.putObject(name);
      node.put("raw", part.raw());
      node.put("normalized", part.normalized());
    }
  }
}

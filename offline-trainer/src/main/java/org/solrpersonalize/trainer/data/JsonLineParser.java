package org.solrpersonalize.trainer.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One JSON object per line. Ids may be strings or numbers; a {@code weight} field wins over an
 * {@code event} field; without either the line weighs 1.
 */
record JsonLineParser(ColumnNames names, EventWeights events) implements LineParser {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  @Override
  public String parse(String line, ParsedLine out) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      String message = e.getOriginalMessage();
      int newline = message.indexOf('\n');
      return "bad JSON: " + (newline < 0 ? message : message.substring(0, newline));
    }
    if (!node.isObject()) {
      return "expected a JSON object";
    }
    String problem;
    if ((problem = id(node, names.user(), out, true)) != null
        || (problem = id(node, names.item(), out, false)) != null) {
      return problem;
    }
    JsonNode weight = node.get(names.weight());
    JsonNode event = node.get(names.event());
    if (weight != null) {
      if (weight.isNumber()) {
        problem = LineParser.checkWeight(weight.floatValue(), weight.asText(), out);
      } else if (weight.isTextual()) {
        problem = LineParser.parseWeight(weight.textValue(), out);
      } else {
        problem = "weight " + weight + " is not a number";
      }
    } else if (event != null) {
      problem =
          event.isTextual()
              ? LineParser.mapEvent(event.textValue(), events, out)
              : "field '" + names.event() + "' must be a string";
    }
    JsonNode time = node.get(names.timestamp());
    if (problem == null && time != null && !time.isNull()) {
      problem =
          time.isNumber() || time.isTextual()
              ? LineParser.parseTimestamp(time.asText(), out)
              : "field '" + names.timestamp() + "' must be a string or a number";
    }
    return problem;
  }

  private static String id(JsonNode node, String field, ParsedLine out, boolean isUser) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return "missing field '" + field + "'";
    }
    if (!value.isTextual() && !value.isIntegralNumber()) {
      return "field '" + field + "' must be a string or an integer";
    }
    String id = value.asText().trim();
    if (id.isEmpty()) {
      return isUser ? "empty user id" : "empty item id";
    }
    if (isUser) {
      out.user = id;
    } else {
      out.item = id;
    }
    return null;
  }
}

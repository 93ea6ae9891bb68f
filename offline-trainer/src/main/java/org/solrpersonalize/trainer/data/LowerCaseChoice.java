package org.solrpersonalize.trainer.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An enum whose values are spelt in lower case on the command line, in manifests and in messages,
 * e.g. {@code --split last}; its constants' names in lower case unless it says otherwise. The
 * static methods parse such a flag or setting; a value that names none is an exception that lists
 * them all.
 *
 * <p>An interface cannot change {@code toString()}: it stays the upper-case constant name (only
 * {@code ModelType} overrides it), so whatever a user or a manifest sees prints {@link #option()},
 * never the constant itself ({@code "--split " + split.option()}).
 */
public interface LowerCaseChoice {
  /** The constant's name, as {@link Enum#name()} gives it, e.g. {@code LAST}. */
  String name();

  /** The spelling of the flag, the manifest and the messages, e.g. {@code last}. */
  default String option() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @param name the flag or setting, as the message names it (e.g. {@code --split})
   * @return the constant named by {@code text}, whatever its case and surrounding blanks
   * @throws BadInputException {@code "--split must be 'random' or 'last', got 'x'"}
   */
  static <E extends Enum<E>> E parse(Class<E> type, String name, String text) {
    try {
      return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      String[] choices =
          Arrays.stream(type.getEnumConstants())
              .map(c -> "'" + c.name().toLowerCase(Locale.ROOT) + "'")
              .toArray(String[]::new);
      String listed =
          choices.length == 1
              ? choices[0]
              : Arrays.stream(choices, 0, choices.length - 1).collect(Collectors.joining(", "))
                  + " or "
                  + choices[choices.length - 1];
      throw new BadInputException(name + " must be " + listed + ", got '" + text + "'");
    }
  }

  /**
   * Parses a value whose spelling is not its constant's name (e.g. {@code kmeans++}), matched in
   * lower case without surrounding blanks; null matches nothing.
   *
   * @param spelling each constant's spelling, in lower case
   * @param error makes the exception thrown from its message, e.g. {@code "--gmm-init must be one
   *     of kmeans|kmeans++|random, got 'x'"}
   */
  static <E extends Enum<E>> E parse(
      Class<E> type,
      String name,
      Function<E, String> spelling,
      String text,
      Function<String, ? extends RuntimeException> error) {
    String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    for (E constant : type.getEnumConstants()) {
      if (spelling.apply(constant).equals(wanted)) {
        return constant;
      }
    }
    throw error.apply(
        name
            + " must be one of "
            + Arrays.stream(type.getEnumConstants()).map(spelling).collect(Collectors.joining("|"))
            + ", got '"
            + text
            + "'");
  }
}

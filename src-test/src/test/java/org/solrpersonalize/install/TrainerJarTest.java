package org.solrpersonalize.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solrpersonalize.format.ModelDirectory;

/** The runnable trainer jar works with {@code java -jar} alone, from any directory. */
class TrainerJarTest {
  @TempDir Path work;

  @Test
  void helpListsTheCommands() throws Exception {
    TrainerJar.Run help = TrainerJar.run(work, "--help");
    assertEquals(0, help.exitCode(), help.output());
    for (String command : List.of("train", "evaluate", "export", "publish", "generate")) {
      assertTrue(help.output().contains("\n  " + command + " "), command + " in\n" + help.output());
    }
  }

  @Test
  void everyCommandsHelpFormatsWithoutWarnings() throws Exception {
    // A bare '%' in a picocli description is a format error that prints a warning before the
    // usage text.
    for (String command :
        List.of(
            "train",
            "evaluate",
            "export",
            "publish",
            "status",
            "promote",
            "rollback",
            "generate",
            "interleaving-report",
            "fit-weights")) {
      TrainerJar.Run help = TrainerJar.run(work, command, "--help");
      assertEquals(0, help.exitCode(), help.output());
      assertTrue(
          help.output().startsWith("Usage: trainer " + command + " "),
          command + ": " + help.output());
    }
  }

  @Test
  void trainHelpListsItsOptions() throws Exception {
    TrainerJar.Run help = TrainerJar.run(work, "train", "--help");
    assertEquals(0, help.exitCode(), help.output());
    assertTrue(help.output().startsWith("Usage: trainer train "), help.output());
    assertTrue(help.output().contains("--interactions"), help.output());
  }

  @Test
  void trainsATinyCsvIntoAModelDirectory() throws Exception {
    StringBuilder csv = new StringBuilder("user,item,weight\n");
    for (int u = 0; u < 12; u++) {
      for (int j = 0; j < 3; j++) {
        csv.append('u').append(u).append(",i").append((u % 2) * 3 + j).append(",1\n");
      }
    }
    Files.writeString(work.resolve("log.csv"), csv, StandardCharsets.UTF_8);

    // Seed 42 is the trainer's default.
    TrainerJar.Run train = TrainerJar.trainSmall(work, "log.csv", "model", 3, 3, 42);

    assertEquals(0, train.exitCode(), train.output());
    ModelDirectory.Model model = ModelDirectory.read(work.resolve("model"));
    assertEquals(12, model.userIds().size());
    assertEquals(6, model.itemIds().size());
    assertEquals(3, model.k());
    assertEquals(2, model.clusters());
  }
}

package org.solrpersonalize.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input that used to fail after training, or to train NaN factors, fails at its line. */
class TrainInputSafetyTest {
  @TempDir Path dir;

  private CliRun train(Path log, Path out) {
    return CliRun.train(
        log, out, "--factors", "2", "--iterations", "2", "--clusters", "1", "--no-progress");
  }

  @Test
  void aLoneSurrogateFailsAtItsLineBeforeTrainingAndLeavesNoOutput() throws IOException {
    Path log = dir.resolve("events.jsonl");
    Files.writeString(
        log,
        "{\"user\":\"u1\",\"item\":\"a\"}\n{\"user\":\"u\\udc00\",\"item\":\"b\"}\n",
        StandardCharsets.UTF_8);
    assertRefusedBeforeTraining(
        log, ":2: user id contains a lone surrogate U+DC00 at character 2 (not valid Unicode)");
  }

  @Test
  void aWeightOf1e20FailsAtItsLineInsteadOfTrainingNanFactors() throws IOException {
    Path log = dir.resolve("events.csv");
    Files.writeString(log, "user,item,weight\nu1,a,1\nu2,a,1e20\nu2,b,1\n", StandardCharsets.UTF_8);
    assertRefusedBeforeTraining(
        log,
        ":3: weight '1e20' is above 1e8, the largest weight the trainer takes (use a smaller"
            + " unit, or --confidence log)");
  }

  /** {@code train} exits with 2, prints {@code error: <log><where>}, and writes no model. */
  private void assertRefusedBeforeTraining(Path log, String where) {
    Path out = dir.resolve("model");
    CliRun run = train(log, out);
    assertEquals(2, run.exitCode());
    assertEquals("error: " + log + where + "\n", run.err());
    assertFalse(Files.exists(out));
  }
}

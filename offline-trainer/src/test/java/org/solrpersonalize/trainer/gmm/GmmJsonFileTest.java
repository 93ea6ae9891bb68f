package org.solrpersonalize.trainer.gmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GmmJsonFileTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(CovarianceType.class)
  void aFittedModelSurvivesTheRoundTripExactly(CovarianceType type) {
    PlantedMixture data = PlantedMixture.random(200, 4, 2, 3.0, 5L);
    GaussianMixtureModel gmm =
        GaussianMixtureEm.fit(
            data.data,
            data.n,
            4,
            new GmmConfig(2, type, 50, 1e-6, 1e-6, 1, 1L, 1, GmmInit.KMEANS_PLUS_PLUS),
            EmProgress.NONE);
    Path file = dir.resolve("gmm.json");
    gmm.writeJson(file);
    GaussianMixtureModel back = GaussianMixtureModel.readJson(file);
    assertEquals(type, back.covarianceType());
    assertArrayEquals(gmm.weights(), back.weights(), 0.0);
    assertTrue(Arrays.deepEquals(gmm.means(), back.means()));
    assertTrue(Arrays.deepEquals(gmm.covariances(), back.covariances()));
    assertEquals(gmm.lowerBound(), back.lowerBound(), 0.0);
    assertEquals(gmm.iterations(), back.iterations());
    assertEquals(gmm.converged(), back.converged());
    assertEquals(
        gmm.meanLogLikelihood(data.data, data.n), back.meanLogLikelihood(data.data, data.n), 0.0);
  }

  @Test
  void theFileHasTheDocumentedFields() throws IOException {
    Path file = dir.resolve("gmm.json");
    GaussianMixtureModelTest.handMade(CovarianceType.DIAG).writeJson(file);
    JsonNode json = new ObjectMapper().readTree(file.toFile());
    List<String> fields = new ArrayList<>();
    json.fieldNames().forEachRemaining(fields::add);
    assertEquals(
        List.of(
            "covarianceType",
            "weights",
            "means",
            "covariances",
            "lowerBound",
            "iterations",
            "converged"),
        fields);
    assertEquals("diag", json.get("covarianceType").asText());
    assertEquals(0.3, json.get("weights").get(0).asDouble());
    assertEquals(0.05, json.get("covariances").get(1).get(2).asDouble());
    assertEquals(-1.0, json.get("lowerBound").asDouble());
    assertEquals(0, json.get("iterations").asInt());
    assertEquals(false, json.get("converged").asBoolean());
  }

  @Test
  void aHandWrittenFileIsRead() throws IOException {
    Path file =
        write(
            "{\"covarianceType\":\"full\",\"weights\":[1.0],\"means\":[[1,2]],"
                + "\"covariances\":[[2,0.5,0.5,1]],\"lowerBound\":-3.5,\"iterations\":7,"
                + "\"converged\":true,\"comment\":\"ignored\"}");
    GaussianMixtureModel gmm = GaussianMixtureModel.readJson(file);
    assertEquals(1, gmm.components());
    assertEquals(2, gmm.dimension());
    assertArrayEquals(new double[] {2, 0.5, 0.5, 1}, gmm.covariances()[0], 0.0);
    assertEquals(7, gmm.iterations());
  }

  @Test
  void badFilesAreReportedWithTheirPath() throws IOException {
    Path missing =
        write(
            "{\"covarianceType\":\"full\",\"weights\":[1.0],\"means\":[[1,2]],"
                + "\"covariances\":[[2,0.5,0.5,1]],\"iterations\":7,\"converged\":true}");
    assertEquals(missing + ": missing field 'lowerBound'", invalid(missing));
    Path type =
        write(
            "{\"covarianceType\":\"spherical\",\"weights\":[1.0],\"means\":[[1,2]],"
                + "\"covariances\":[[2,1]],\"lowerBound\":0,\"iterations\":7,\"converged\":true}");
    assertEquals(
        type + ": covariance type must be 'full' or 'diag', got 'spherical'", invalid(type));
    Path shape =
        write(
            "{\"covarianceType\":\"full\",\"weights\":[1.0],\"means\":[[1,2]],"
                + "\"covariances\":[[2,1]],\"lowerBound\":0,\"iterations\":7,\"converged\":true}");
    assertEquals(shape + ": covariances[0] must have 4 values, got 2", invalid(shape));
    Path syntax = write("{\"covarianceType\":");
    assertTrue(invalid(syntax).startsWith(syntax + ": not a valid gmm.json: "), invalid(syntax));
    Path absent = dir.resolve("absent.json");
    UncheckedIOException e =
        assertThrows(UncheckedIOException.class, () -> GaussianMixtureModel.readJson(absent));
    assertEquals("cannot read " + absent, e.getMessage());
  }

  private Path write(String json) throws IOException {
    Path file = Files.createTempFile(dir, "gmm", ".json");
    Files.writeString(file, json, StandardCharsets.UTF_8);
    return file;
  }

  private static String invalid(Path file) {
    return assertThrows(IllegalArgumentException.class, () -> GaussianMixtureModel.readJson(file))
        .getMessage();
  }
}

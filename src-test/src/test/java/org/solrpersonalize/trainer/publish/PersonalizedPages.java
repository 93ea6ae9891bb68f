package org.solrpersonalize.trainer.publish;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Personalized result pages exactly as Solr sends them: the raw JSON body (ids, scores, the
 * personalization section), without the response header whose {@code QTime} varies. Two lists are
 * equal only if every page is byte-identical.
 */
final class PersonalizedPages {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private PersonalizedPages() {}

  /** The first 10 of {@code q=dependable} reranked for each of {@code users}, in order. */
  static List<String> of(String baseUrl, String collection, List<String> users) throws Exception {
    List<String> pages = new ArrayList<>();
    for (String user : users) {
      String query =
          "q=dependable&fl=id,score&rows=10&omitHeader=true&wt=json&rq="
              + URLEncoder.encode(
                  "{!personalize user=" + user + " reRankDocs=100}", StandardCharsets.UTF_8);
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(baseUrl + "/" + collection + "/select?" + query))
                  .timeout(Duration.ofSeconds(30))
                  .build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() != 200) {
        throw new AssertionError("HTTP " + response.statusCode() + ": " + response.body());
      }
      pages.add(response.body());
    }
    return pages;
  }
}

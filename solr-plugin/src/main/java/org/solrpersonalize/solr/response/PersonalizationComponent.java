package org.solrpersonalize.solr.response;

import java.io.IOException;
import org.apache.solr.common.util.NamedList;
import org.apache.solr.common.util.SimpleOrderedMap;
import org.apache.solr.handler.component.ResponseBuilder;
import org.apache.solr.handler.component.SearchComponent;
import org.apache.solr.handler.component.ShardRequest;
import org.apache.solr.handler.component.ShardResponse;
import org.solrpersonalize.solr.search.PersonalizationReport;
import org.solrpersonalize.solr.search.RequestPersonalization;

/**
 * Adds the {@code personalization} section to responses of requests that used the plugin, and on
 * a distributed request's coordinator pins the model it resolved for every shard request (so no
 * request combines two models, even while a switch happens). Register as a last-component:
 *
 * <pre>{@code <searchComponent name="personalization" class="org.solrpersonalize.solr.response.PersonalizationComponent"/>}</pre>
 */
public class PersonalizationComponent extends SearchComponent {
  public static final String SECTION = "personalization";

  @Override
  public void prepare(ResponseBuilder rb) {
    if (rb.isDistributed() && usesPersonalization(rb)) {
      RequestPersonalization.of(rb.req); // resolve the model once, on the coordinator
    }
  }

  private static boolean usesPersonalization(ResponseBuilder rb) {
    String all = String.join(" ",
        rb.req.getParams().getParams("rq") == null ? new String[0] : rb.req.getParams().getParams("rq"))
        + " " + String.join(" ", rb.req.getParams().getParams("fl") == null ? new String[0] : rb.req.getParams().getParams("fl"))
        + " " + rb.req.getParams().get("sort", "") + " " + rb.req.getParams().get("q", "")
        + " " + rb.req.getParams().get("boost", "") + " " + rb.req.getParams().get("bf", "");
    return all.contains("personalize") || all.contains("userdot") || all.contains("clusterll")
        || all.contains("dotp");
  }

  @Override
  public void modifyRequest(ResponseBuilder rb, SearchComponent who, ShardRequest sreq) {
    RequestPersonalization rp = RequestPersonalization.ifUsed(rb.req);
    if (rp == null && usesPersonalization(rb)) {
      rp = RequestPersonalization.of(rb.req);
    }
    if (rp != null) {
      rp.model().ifPresent(m -> sreq.params.set(RequestPersonalization.MODEL_PARAM, m.modelId()));
    }
  }

  @Override
  public void process(ResponseBuilder rb) throws IOException {
    RequestPersonalization rp = RequestPersonalization.ifUsed(rb.req);
    if (rp != null) {
      rb.rsp.add(SECTION, rp.report().toNamedList());
    }
  }

  @Override
  public void handleResponses(ResponseBuilder rb, ShardRequest sreq) {
    if ((sreq.purpose & ShardRequest.PURPOSE_GET_TOP_IDS) == 0) {
      return;
    }
    RequestPersonalization rp = RequestPersonalization.ifUsed(rb.req);
    if (rp == null) {
      return;
    }
    PersonalizationReport report = rp.report();
    report.windowSize = 0;
    report.docsWithoutFactors = 0;
    for (ShardResponse shard : sreq.responses) {
      NamedList<?> rsp = shard.getSolrResponse() == null ? null : shard.getSolrResponse().getResponse();
      Object section = rsp == null ? null : rsp.get(SECTION);
      if (section instanceof NamedList<?> s) {
        report.windowSize += ((Number) s.get("windowSize")).intValue();
        report.docsWithoutFactors += ((Number) s.get("docsWithoutFactors")).intValue();
      }
    }
  }

  @Override
  public void finishStage(ResponseBuilder rb) {
    if (rb.stage != ResponseBuilder.STAGE_GET_FIELDS) {
      return;
    }
    RequestPersonalization rp = RequestPersonalization.ifUsed(rb.req);
    if (rp != null) {
      SimpleOrderedMap<Object> section = rp.report().toNamedList();
      rb.rsp.add(SECTION, section);
    }
  }

  @Override
  public String getDescription() {
    return "personalization response section and model pinning";
  }
}

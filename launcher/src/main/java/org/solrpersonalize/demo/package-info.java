/**
 * The demo: generated shop, trained model, side-by-side pages for users of two taste segments, and
 * the simulated shoppers who click on interleaved pages (ClickSimulator).
 */
package org.solrpersonalize.demo;

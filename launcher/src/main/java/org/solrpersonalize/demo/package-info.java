/** The demo: generated shop, trained model, side-by-side pages for users of two taste segments. */
package org.solrpersonalize.demo;

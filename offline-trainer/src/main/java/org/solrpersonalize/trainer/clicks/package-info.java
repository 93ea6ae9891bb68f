/**
 * The click log: impressions with their shown documents ({@code [personalize]} objects) and clicked
 * ids, one JSON object a line, read with {@code file:line} errors and written back the same way.
 */
package org.solrpersonalize.trainer.clicks;

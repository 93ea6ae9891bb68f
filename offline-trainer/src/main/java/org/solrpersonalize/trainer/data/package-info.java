/** Loading interaction logs (CSV, TSV, JSONL) into interned ids and CSR matrices of primitives. */
package org.solrpersonalize.trainer.data;

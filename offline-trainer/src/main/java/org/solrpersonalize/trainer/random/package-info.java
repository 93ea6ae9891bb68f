/** Seeded random draws shared by training and the demo data, reproducible from their seed. */
package org.solrpersonalize.trainer.random;

/**
 * Training as a library: {@link org.solrpersonalize.trainer.Trainer#fit} turns interactions and a
 * {@link org.solrpersonalize.trainer.TrainingConfig} into a {@link
 * org.solrpersonalize.trainer.TrainedModel}, which writes a model directory.
 */
package org.solrpersonalize.trainer;

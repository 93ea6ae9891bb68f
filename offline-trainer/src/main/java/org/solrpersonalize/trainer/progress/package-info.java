/** Progress bars on stderr, shared by the trainer's commands, publishing and the launcher. */
package org.solrpersonalize.trainer.progress;

/**
 * Templates (enrolled embeddings): the store interface and the in-memory index that answers 1:N searches. The index
 * mirrors the store and is refreshed per user after every write.
 */
package org.faceauth.core.template;

/**
 * Alignment: the five landmarks are mapped by a least-squares similarity transform onto the standard 112×112
 * template, so every embedder sees faces in one canonical position.
 */
package org.faceauth.core.align;

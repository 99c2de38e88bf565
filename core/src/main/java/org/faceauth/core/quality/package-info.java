/**
 * The enrollment quality gate: one dominant face, big enough, sharp, frontal and confidently detected, with an
 * actionable reason for every refusal.
 */
package org.faceauth.core.quality;

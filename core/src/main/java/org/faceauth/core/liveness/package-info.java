/**
 * Liveness: passive presentation-attack detection (a print or a screen is not a live face) behind {@link
 * org.faceauth.core.liveness.LivenessCheck}, and the policy verification applies.
 */
package org.faceauth.core.liveness;

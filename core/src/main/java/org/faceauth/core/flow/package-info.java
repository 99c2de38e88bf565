/**
 * The enrollment, verification (1:1), identification (1:N) and erasure flows, over the face pipeline and the storage
 * interfaces, one class per flow. The server and the CLI both call the facade {@link
 * org.faceauth.core.flow.FaceAuthService}.
 */
package org.faceauth.core.flow;

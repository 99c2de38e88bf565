/**
 * What FaceAuth prints about its concepts, as plain records shared by the CLI's JSON output and the server's response
 * bodies, so both use the same field names ({@code userId}, {@code displayName}, ...). No HTTP, no Spring: each view is
 * made from a core result by its {@code of} method.
 */
package org.faceauth.core.view;

package org.faceauth.core.template;

import org.faceauth.core.user.UserId;

/**
 * A user found by a 1:N search.
 *
 * @param user the user
 * @param score the best cosine similarity over the user's templates
 */
public record IndexHit(UserId user, double score) {}

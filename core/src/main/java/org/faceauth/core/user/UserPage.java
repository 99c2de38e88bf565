package org.faceauth.core.user;

import java.util.List;

/**
 * One page of a {@link UserQuery}'s answer.
 *
 * @param items the users on this page, ordered by id
 * @param total how many users match the query on all pages
 */
public record UserPage(List<UserSummary> items, long total) {
  public UserPage {
    items = List.copyOf(items);
  }
}

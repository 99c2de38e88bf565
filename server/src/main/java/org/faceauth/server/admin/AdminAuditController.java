package org.faceauth.server.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.faceauth.core.audit.AuditAction;
import org.faceauth.core.audit.AuditPage;
import org.faceauth.core.audit.AuditQuery;
import org.faceauth.core.audit.AuditSearch;
import org.faceauth.server.problem.ApiErrorCode;
import org.faceauth.server.problem.ApiException;
import org.faceauth.store.audit.AuditCsv;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit log for operators (admin keys): filtered by user, action, outcome and time, paged in the database, newest
 * first; exported as JSON or as spreadsheet-safe CSV ({@link AuditCsv}), at most {@value AuditQuery#MAX_SIZE} events
 * per export (page through larger ranges).
 */
@RestController
@RequestMapping("/api/v1/admin/audit")
@Tag(name = "admin: audit log", description = "Search and export the audit log (admin keys).")
public class AdminAuditController {
  /** Most events one page of the JSON listing may hold (exports may hold up to {@link AuditQuery#MAX_SIZE}). */
  static final int MAX_PAGE_SIZE = 200;

  private final AuditSearch audit;
  private final ObjectMapper mapper;

  AdminAuditController(AuditSearch audit, ObjectMapper mapper) {
    this.audit = audit;
    this.mapper = mapper;
  }

  @GetMapping
  @Operation(summary = "Audit events matching the filters, newest first, one page (size at most 200).")
  AdminViews.EventList search(
      @Parameter(description = "a user id (or an erased user's pseudonym)") @RequestParam(required = false) String user,
      @Parameter(description = "verify, enroll, unlock, ...") @RequestParam(required = false) String action,
      @Parameter(description = "match, no_match, locked, ...") @RequestParam(required = false) String outcome,
      @Parameter(description = "ISO-8601 instant, inclusive") @RequestParam(required = false) String from,
      @Parameter(description = "ISO-8601 instant, exclusive") @RequestParam(required = false) String to,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    if (size > MAX_PAGE_SIZE) {
      throw new ApiException(ApiErrorCode.BAD_REQUEST, "size is at most " + MAX_PAGE_SIZE + "; use the export.");
    }
    AuditPage found = audit.search(query(user, action, outcome, from, to, page, size));
    return new AdminViews.EventList(
        found.items().stream().map(AdminViews.EventView::of).toList(), page, size, found.total());
  }

  @GetMapping("/export")
  @Operation(summary = "Audit events matching the filters as a CSV or JSON download (at most 10000 per page).")
  ResponseEntity<byte[]> export(
      @RequestParam(required = false) String user,
      @RequestParam(required = false) String action,
      @RequestParam(required = false) String outcome,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @Parameter(description = "csv or json") @RequestParam(defaultValue = "csv") String format,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "10000") int size) {
    AuditPage found = audit.search(query(user, action, outcome, from, to, page, size));
    return switch (format.toLowerCase(Locale.ROOT)) {
      case "csv" -> {
        StringWriter text = new StringWriter();
        try (AuditCsv csv = new AuditCsv(text)) {
          found.items().forEach(csv::write);
        }
        yield download("audit.csv", MediaType.parseMediaType("text/csv; charset=UTF-8"),
            text.toString().getBytes(StandardCharsets.UTF_8));
      }
      case "json" -> download("audit.json", MediaType.APPLICATION_JSON, json(new AdminViews.EventList(
          found.items().stream().map(AdminViews.EventView::of).toList(), page, size, found.total())));
      default -> throw new ApiException(ApiErrorCode.BAD_REQUEST, "format is csv or json.");
    };
  }

  private byte[] json(Object body) {
    try {
      return mapper.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an audit page always serialises", e);
    }
  }

  private static ResponseEntity<byte[]> download(String name, MediaType type, byte[] body) {
    return ResponseEntity.ok()
        .contentType(type)
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
        .body(body);
  }

  static AuditQuery query(
      String user, String action, String outcome, String from, String to, int page, int size) {
    return new AuditQuery(Optional.ofNullable(user), Optional.ofNullable(action).map(AdminAuditController::action),
        Optional.ofNullable(outcome), Optional.ofNullable(from).map(t -> instant("from", t)),
        Optional.ofNullable(to).map(t -> instant("to", t)), page, size);
  }

  private static AuditAction action(String name) {
    try {
      return AuditAction.valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ApiException(ApiErrorCode.BAD_REQUEST, "action is one of " + Arrays.stream(
          AuditAction.values()).map(a -> a.name().toLowerCase(Locale.ROOT)).toList() + ".");
    }
  }

  private static Instant instant(String name, String text) {
    try {
      return Instant.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new ApiException(ApiErrorCode.BAD_REQUEST, name + " is an ISO-8601 instant such as 2026-01-31T12:00:00Z.");
    }
  }
}

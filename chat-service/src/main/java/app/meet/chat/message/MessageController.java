package app.meet.chat.message;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import app.meet.platform.users.UserDirectory;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** {@code /api/meetings/{id}/messages} and {@code /api/meetings/{id}/files}. */
@RestController
@Tag(name = "chat", description = "Messages, history and attachments")
class MessageController {

	static final int MAX_CONTENT_LENGTH = 4000;

	private static final int MAX_FILE_NAME_LENGTH = 255;

	private final MessageService messages;

	private final UserDirectory users;

	MessageController(MessageService messages, UserDirectory users) {
		this.messages = messages;
		this.users = users;
	}

	@Operation(summary = "Post a message")
	@PostMapping("/api/meetings/{id}/messages")
	@ResponseStatus(HttpStatus.CREATED)
	MessageResponse post(@AuthenticationPrincipal Jwt token, @PathVariable UUID id,
			@Valid @RequestBody PostRequest request) {
		String content = request.content().strip();
		if (content.isEmpty()) {
			throw new InvalidMessageException("content", "must not be blank");
		}
		if (content.codePointCount(0, content.length()) > MAX_CONTENT_LENGTH) {
			throw new InvalidMessageException("content", "must be at most " + MAX_CONTENT_LENGTH + " characters");
		}
		return this.messages.post(id, this.users.remember(token), content);
	}

	@Operation(summary = "History, oldest first, the newest `limit` before `before` (`Link` rel=\"next\" for older)")
	@GetMapping("/api/meetings/{id}/messages")
	ResponseEntity<List<MessageResponse>> history(@AuthenticationPrincipal Jwt token, @PathVariable UUID id,
			@RequestParam(defaultValue = "50") @Min(1) @Max(100) int limit,
			@RequestParam(required = false) UUID before) {
		MessageService.Page page = this.messages.history(id, UUID.fromString(token.getSubject()), before, limit);
		ResponseEntity.BodyBuilder response = ResponseEntity.ok();
		if (page.more()) {
			response.header(HttpHeaders.LINK, "</api/meetings/" + id + "/messages?limit=" + limit + "&before="
					+ page.messages().getFirst().id() + ">; rel=\"next\"");
		}
		return response.body(page.messages());
	}

	@Operation(summary = "Share a file (at most 25 MiB) as a message")
	@PostMapping(path = "/api/meetings/{id}/files", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	MessageResponse share(@AuthenticationPrincipal Jwt token, @PathVariable UUID id,
			@RequestPart("file") MultipartFile file) throws Exception {
		if (file.isEmpty()) {
			throw new InvalidMessageException("file", "must not be empty");
		}
		return this.messages.share(id, this.users.remember(token), fileName(file.getOriginalFilename()),
				contentType(file.getContentType()), file.getSize(), file.getInputStream());
	}

	@Operation(summary = "Download a shared file")
	@GetMapping("/api/meetings/{id}/files/{fileId}")
	@ApiResponse(responseCode = "200", description = "The file, as an attachment, in the type it was shared as",
			content = @Content(mediaType = "*/*"))
	ResponseEntity<InputStreamResource> download(@AuthenticationPrincipal Jwt token, @PathVariable UUID id,
			@PathVariable UUID fileId) throws Exception {
		MessageService.Download download = this.messages.download(id, UUID.fromString(token.getSubject()), fileId);
		MessageRepository.Attachment attachment = download.attachment();
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(attachment.contentType()))
			.contentLength(attachment.size())
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment()
						.filename(attachment.name(), java.nio.charset.StandardCharsets.UTF_8)
						.build()
						.toString())
			.header("X-Content-Type-Options", "nosniff")
			.header(HttpHeaders.CACHE_CONTROL, "private, max-age=3600")
			.body(new InputStreamResource(download.content()));
	}

	/**
	 * The name without any path, control characters, direction overrides (which make
	 * {@code "\u202Etxt.exe"} read as {@code "exe.txt"}) or excess length.
	 */
	static String fileName(String original) {
		String name = (original != null) ? original : "";
		name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
		name = name.codePoints()
			.filter((c) -> !Character.isISOControl(c) && !isDirectionControl(c))
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString()
			.strip();
		if (name.isEmpty() || name.equals(".") || name.equals("..")) {
			return "file";
		}
		return (name.codePointCount(0, name.length()) > MAX_FILE_NAME_LENGTH)
				? name.substring(0, name.offsetByCodePoints(0, MAX_FILE_NAME_LENGTH)) : name;
	}

	private static boolean isDirectionControl(int codePoint) {
		return switch (Character.getDirectionality(codePoint)) {
			case Character.DIRECTIONALITY_LEFT_TO_RIGHT_EMBEDDING, Character.DIRECTIONALITY_LEFT_TO_RIGHT_OVERRIDE,
					Character.DIRECTIONALITY_RIGHT_TO_LEFT_EMBEDDING, Character.DIRECTIONALITY_RIGHT_TO_LEFT_OVERRIDE,
					Character.DIRECTIONALITY_POP_DIRECTIONAL_FORMAT, Character.DIRECTIONALITY_LEFT_TO_RIGHT_ISOLATE,
					Character.DIRECTIONALITY_RIGHT_TO_LEFT_ISOLATE, Character.DIRECTIONALITY_FIRST_STRONG_ISOLATE,
					Character.DIRECTIONALITY_POP_DIRECTIONAL_ISOLATE ->
				true;
			default -> false;
		};
	}

	/**
	 * The declared type when it is a well-formed concrete type, else
	 * {@code application/octet-stream}; downloads are attachments with {@code nosniff},
	 * so a false type cannot make a browser run the file.
	 */
	static String contentType(String declared) {
		try {
			MediaType type = MediaType.parseMediaType((declared != null) ? declared : "");
			return type.isConcrete() && type.toString().length() <= 255 ? type.toString().toLowerCase(Locale.ROOT)
					: MediaType.APPLICATION_OCTET_STREAM_VALUE;
		}
		catch (InvalidMediaTypeException ex) {
			return MediaType.APPLICATION_OCTET_STREAM_VALUE;
		}
	}

	/**
	 * {@code type}, when given, is {@code text}: system and file messages are not posted.
	 */
	@Schema(name = "PostMessage")
	record PostRequest(@NotNull(message = "must not be blank") @Schema(example = "Hello, everyone") String content,
			@Pattern(regexp = "text", message = "must be text") @Nullable String type) {
	}

}

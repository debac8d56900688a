package app.meet.recording.recordings;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.minio.errors.MinioException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * {@code /api/meetings/{id}/recordings}, {@code /api/recordings/{id}}, and the frontend's
 * {@code /api/meetings/{id}/recording/start|stop}.
 */
@RestController
@Tag(name = "recordings", description = "Recordings uploaded as they are made, played back with ranges")
class RecordingController {

	private final Recordings recordings;

	private final ChunkUploads uploads;

	RecordingController(Recordings recordings, ChunkUploads uploads) {
		this.recordings = recordings;
		this.uploads = uploads;
	}

	@Operation(summary = "Start recording the meeting")
	@PostMapping({ "/api/meetings/{id}/recordings", "/api/meetings/{id}/recording/start" })
	@ResponseStatus(HttpStatus.CREATED)
	ResponseEntity<RecordingResponse> start(@AuthenticationPrincipal Jwt token, @PathVariable UUID id)
			throws MinioException {
		RecordingResponse recording = this.recordings.start(id, user(token));
		return ResponseEntity.created(URI.create("/api/recordings/" + recording.id())).body(recording);
	}

	@Operation(summary = "Upload the next chunk of a recording (numbered from 0; a repeat is accepted once)")
	@PutMapping("/api/recordings/{id}/chunks/{seq}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void upload(@AuthenticationPrincipal Jwt token, @PathVariable UUID id,
			@PathVariable @Min(0) @Max(Integer.MAX_VALUE - 1) long seq, HttpServletRequest request)
			throws IOException, MinioException {
		this.uploads.upload(id, user(token), (int) seq, request.getContentType(), request.getContentLengthLong(),
				request.getInputStream());
	}

	@Operation(summary = "Stop a recording and finish its file")
	@PostMapping("/api/recordings/{id}/stop")
	RecordingResponse stop(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
		return this.recordings.stop(id, user(token));
	}

	@Operation(summary = "Stop the meeting's current recording")
	@PostMapping("/api/meetings/{id}/recording/stop")
	RecordingResponse stopInMeeting(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
		return this.recordings.stopInMeeting(id, user(token));
	}

	@Operation(summary = "The meeting's recordings")
	@GetMapping("/api/meetings/{id}/recordings")
	List<RecordingResponse> ofMeeting(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
		return this.recordings.ofMeeting(id, user(token));
	}

	@Operation(summary = "A recording")
	@GetMapping("/api/recordings/{id}")
	RecordingResponse get(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
		return this.recordings.get(id, user(token));
	}

	/**
	 * The media, streamed from the object store in the recorded type; one byte range when
	 * asked for. Its entity tag names the recording and its size, since a recording's
	 * bytes never change, only grow: a cached copy is revalidated with 304, and a range
	 * with {@code If-Range} is served only from the same media (else all of it, as RFC
	 * 9110 requires).
	 */
	@Operation(summary = "Play a recording back; `Range` requests get 206")
	@GetMapping("/api/recordings/{id}/media")
	@ApiResponse(responseCode = "200", description = "The whole recording", content = @Content(mediaType = "video/*"))
	@ApiResponse(responseCode = "206", description = "The requested range (`Content-Range`)",
			content = @Content(mediaType = "video/*"))
	@ApiResponse(responseCode = "416", description = "A range beyond the end (`Content-Range: bytes */size`)")
	void media(@AuthenticationPrincipal Jwt token, @PathVariable UUID id,
			@RequestHeader(name = HttpHeaders.RANGE, required = false) String rangeHeader,
			@RequestHeader(name = HttpHeaders.IF_RANGE, required = false) String ifRange, HttpServletRequest request,
			HttpServletResponse response) throws IOException, MinioException {
		Recording recording = this.recordings.watchable(id, user(token));
		long size = this.recordings.mediaSize(recording);
		String entityTag = "\"" + recording.id() + "-" + size + "\"";
		response.setHeader(HttpHeaders.CACHE_CONTROL, "private, max-age=3600");
		if (new ServletWebRequest(request, response).checkNotModified(entityTag)) {
			return;
		}
		MediaRange range = MediaRange.of((ifRange == null || ifRange.equals(entityTag)) ? rangeHeader : null, size);
		response.setStatus(range.partial() ? HttpStatus.PARTIAL_CONTENT.value() : HttpStatus.OK.value());
		response.setContentType(recording.contentType());
		response.setContentLengthLong(range.length());
		response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
		response.setHeader("X-Content-Type-Options", "nosniff");
		if (range.partial()) {
			response.setHeader(HttpHeaders.CONTENT_RANGE, range.contentRange(size));
		}
		try (InputStream media = this.recordings.openMedia(recording, range.first(), range.length());
				OutputStream out = response.getOutputStream()) {
			media.transferTo(out);
		}
	}

	@Operation(summary = "Delete a recording (whoever started it, or the host)")
	@DeleteMapping("/api/recordings/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
		this.recordings.delete(id, user(token));
	}

	private static UUID user(Jwt token) {
		return UUID.fromString(token.getSubject());
	}

}

package app.meet.auth.avatar;

import java.time.Duration;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import app.meet.auth.account.UserResponse;
import app.meet.platform.problem.Problems;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Uploading one's avatar, and anyone's avatar as a public, cacheable image. */
@RestController
@Tag(name = "avatars", description = "Profile pictures")
class AvatarController {

	private final AvatarService avatars;

	AvatarController(AvatarService avatars) {
		this.avatars = avatars;
	}

	@Operation(summary = "Upload the signed-in user's picture (PNG, JPEG, GIF or WebP, at most 2 MiB)")
	@PutMapping(path = "/api/auth/me/avatar", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	UserResponse upload(@AuthenticationPrincipal Jwt token, @RequestPart("file") MultipartFile file) throws Exception {
		UUID userId = UUID.fromString(token.getSubject());
		return UserResponse.forSelf(this.avatars.upload(userId, file.getInputStream()));
	}

	@Operation(summary = "A user's picture")
	@GetMapping("/api/users/{id}/avatar")
	@ApiResponse(responseCode = "200", description = "The picture, in the type it was uploaded as",
			content = @Content(mediaType = "image/*"))
	ResponseEntity<?> download(@PathVariable UUID id) throws Exception {
		return this.avatars.download(id)
			.<ResponseEntity<?>>map((avatar) -> ResponseEntity.ok()
				.contentType(MediaType.parseMediaType(avatar.contentType()))
				.cacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePublic())
				.eTag(avatar.version().substring(avatar.version().lastIndexOf('/') + 1))
				.header("X-Content-Type-Options", "nosniff")
				.header(HttpHeaders.CONTENT_DISPOSITION, "inline")
				.body(new InputStreamResource(avatar.content())))
			.orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
				.body(Problems.of(HttpStatus.NOT_FOUND, "This user has no avatar", "avatar-not-found")));
	}

	@ExceptionHandler(AvatarImage.ImageTooLargeException.class)
	ProblemDetail tooLarge(AvatarImage.ImageTooLargeException ex) {
		return Problems.of(HttpStatus.BAD_REQUEST, ex.getMessage(), "image-too-large");
	}

	@ExceptionHandler(AvatarService.NotAnImageException.class)
	ProblemDetail notAnImage(AvatarService.NotAnImageException ex) {
		return Problems.of(HttpStatus.BAD_REQUEST, ex.getMessage(), "unsupported-image");
	}

}
